package com.signalops.leaks.rest;

import com.signalops.identity.domain.Permission;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.leaks.service.LeakRuleSettings;
import com.signalops.shared.BusinessException;
import com.signalops.web.rest.ApiCaller;
import com.signalops.web.rest.RequiresPermission;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/stores/{storeId}/leak-settings}: the store's rule settings in force (its own or the defaults);
 * {@code PUT} with the settings to change, e.g. {@code {"unfulfilledHours": 24}} (the others stay), audited. A store
 * out of the key's scope answers 404 like an unknown one; an unknown setting or a value out of range 400.
 */
@Path("/stores/{storeId}/leak-settings")
@Produces(MediaType.APPLICATION_JSON)
public class LeakSettingsResource {

    @EJB
    private LeakRuleSettings settings;

    @Inject
    private ApiCaller caller;

    @GET
    @RequiresPermission(Permission.LEAKS_VIEW)
    public Map<String, String> get(@PathParam("storeId") String storeId) {
        return settings.of(caller.viewer(), ApiCaller.id(storeId, "Store")).asMap();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.LEAKS_CONFIGURE)
    public Map<String, String> change(@PathParam("storeId") String storeId, JsonObject body) {
        long store = ApiCaller.id(storeId, "Store");
        Map<String, String> changes = new LinkedHashMap<>();
        if (body != null) {
            body.forEach((name, value) -> changes.put(name, text(name, value)));
        }
        return settings.change(caller.viewer(), store, changes, ConnectionActor.apiKey(caller.credential().keyId())).asMap();
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
