package com.signalops.leaks.rest;

import com.signalops.identity.domain.Permission;
import com.signalops.leaks.domain.FindingSort;
import com.signalops.leaks.domain.FindingStatus;
import com.signalops.leaks.domain.LeakRule;
import com.signalops.leaks.service.LeakFindings;
import com.signalops.shared.BusinessException;
import com.signalops.web.rest.ApiCaller;
import com.signalops.web.rest.RequiresPermission;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/stores/{storeId}/leak-findings?code=&status=&sort=&page=&size=}: a store's findings, largest
 * amount first unless {@code sort} says otherwise ({@code -amount}, {@code amount}, {@code -firstSeen}, {@code firstSeen}),
 * a page at a time (pages from 0, size 50 by default, at most 200); {@code .../summary}: per rule, the number of
 * open findings and the sum of their amounts. A store out of the key's scope answers 404 like an unknown one.
 */
@Path("/stores/{storeId}/leak-findings")
@RequiresPermission(Permission.LEAKS_VIEW)
@Produces(MediaType.APPLICATION_JSON)
public class StoreLeakFindingResource {

    /** One page of findings and how many match in all. */
    public record FindingPageEntry(List<FindingEntry> items, int page, int size, long total) {
    }

    /** The open findings of one rule, in the order of fields. */
    @JsonbPropertyOrder({"code", "count", "amount", "currency"})
    public record RuleTotalEntry(String code, long count, String amount, String currency) {
    }

    @EJB
    private LeakFindings findings;

    @Inject
    private ApiCaller caller;

    @GET
    public FindingPageEntry list(@PathParam("storeId") String storeId, @QueryParam("code") String code,
            @QueryParam("status") String status, @QueryParam("sort") String sort, @QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("50") String size) {
        long store = ApiCaller.id(storeId, "Store");
        Optional<LeakRule> rule = blank(code) ? Optional.empty() : Optional.of(LeakRule.fromCode(code.trim()).orElseThrow(
                () -> new BusinessException("leak-finding.code-unknown", "code must be one of " + List.of(LeakRule.values()))));
        Optional<FindingStatus> state = blank(status) ? Optional.empty() : Optional.of(FindingStatus.fromName(status.trim())
                .orElseThrow(() -> new BusinessException("leak-finding.status-unknown", "status must be one of "
                        + List.of(FindingStatus.values()))));
        FindingSort order = blank(sort) ? FindingSort.AMOUNT_DESC : FindingSort.fromKey(sort.trim()).orElseThrow(
                () -> new BusinessException("leak-finding.sort-unknown", "sort must be one of "
                        + Arrays.stream(FindingSort.values()).map(FindingSort::key).toList()));
        LeakFindings.FindingPage result = findings.page(caller.viewer(), store, rule, state, order, number(page, "page"),
                number(size, "size"));
        return new FindingPageEntry(result.items().stream().map(FindingEntry::of).toList(), result.page(), result.size(), result.total());
    }

    @GET
    @Path("/summary")
    public List<RuleTotalEntry> summary(@PathParam("storeId") String storeId) {
        return findings.openTotals(caller.viewer(), ApiCaller.id(storeId, "Store")).stream()
                .map(t -> new RuleTotalEntry(t.rule().name(), t.count(), t.amount().setScale(2).toPlainString(), t.currency())).toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static int number(String value, String name) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BusinessException("leak-finding.page-invalid", name + " must be a number");
        }
    }
}
