package com.signalops.leaks.rest;

import com.signalops.identity.domain.Permission;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.leaks.service.LeakAnalyses;
import com.signalops.shared.BusinessException;
import com.signalops.web.rest.ApiCaller;
import com.signalops.web.rest.RequiresPermission;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v1/stores/{storeId}/leak-analyses}: starts the revenue-leak analysis of the store; the JSON body
 * is optional: {@code {"asOf": "2026-11-25T00:00:00Z", "settings": {"unfulfilledHours": 24, ...}}}. Answers 202 with
 * the job execution id. A store out of the key's scope answers 404 like an unknown one; a bad body 400.
 */
@Path("/stores/{storeId}/leak-analyses")
@RequiresPermission(Permission.LEAKS_RUN)
public class LeakAnalysisResource {

    /** The answer: the execution that runs the analysis. */
    public record AnalysisAccepted(long executionId, long storeId, String asOf, String status) {
    }

    @EJB
    private LeakAnalyses analyses;

    @Inject
    private ApiCaller caller;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("storeId") String storeId, String body) {
        long store = ApiCaller.id(storeId, "Store");
        JsonObject request = parse(body);
        Optional<Instant> asOf = Optional.empty();
        if (request.containsKey("asOf") && !request.isNull("asOf")) {
            try {
                asOf = Optional.of(Instant.parse(request.getString("asOf")));
            } catch (ClassCastException | DateTimeParseException e) {
                throw new BusinessException("leak-analysis.as-of-invalid", "asOf must be an ISO-8601 instant such as 2026-11-25T00:00:00Z");
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (request.containsKey("settings") && !request.isNull("settings")) {
            if (request.get("settings").getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BusinessException("leak-settings.invalid", "settings must be an object");
            }
            request.getJsonObject("settings").forEach((name, value) -> settings.put(name, text(name, value)));
        }
        LeakAnalyses.Started started = analyses.start(caller.viewer(), store, asOf, settings,
                ConnectionActor.apiKey(caller.credential().keyId()));
        return Response.accepted(new AnalysisAccepted(started.executionId(), store, started.asOf().toString(), "STARTED")).build();
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new BusinessException("leak-analysis.body-invalid", "The body must be a JSON object");
        }
    }

    private static String text(String name, JsonValue value) {
        if (value instanceof JsonNumber number) {
            return number.bigDecimalValue().toPlainString();
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new BusinessException("leak-settings.invalid", name + " must be a number");
    }
}
