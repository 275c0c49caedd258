package com.signalops.outreach.web;

import com.signalops.approvals.domain.Person;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.outreach.domain.ExportDestination;
import com.signalops.outreach.domain.ExportField;
import com.signalops.outreach.domain.FieldFilter;
import com.signalops.outreach.domain.OutreachRules;
import com.signalops.outreach.service.OutreachSettings;
import com.signalops.outreach.service.StoreSendRate;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outreach settings page ({@code settings.view}): the approval expiry, the second approver threshold, the AI switch
 * and each export destination's field filter, changed by a role with {@code settings.manage} over the whole workspace;
 * and the send rate of each store the role sees, changed by a role with {@code settings.manage} over those stores.
 * Refusals are recorded by the service; a value out of bounds is named in the message and nothing is saved.
 */
@Named
@RequestScoped
public class OutreachSettingsBacking {

    @EJB
    private OutreachSettings settings;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleMessages messages;

    private String expiryDays;
    private String threshold;
    private Boolean aiEnabled;
    private Map<String, Map<String, Boolean>> fields;
    private Map<String, Boolean> personal;
    private List<StoreSendRate> rates;
    private Map<Long, String> rateValues;

    public boolean isManageable() {
        return session.may(Permission.SETTINGS_MANAGE);
    }

    public List<String> getDestinations() {
        return Arrays.stream(ExportDestination.values()).map(Enum::name).toList();
    }

    public List<ExportField> getFieldChoices() {
        return Arrays.asList(ExportField.values());
    }

    public String getExpiryDays() {
        load();
        return expiryDays;
    }

    public void setExpiryDays(String expiryDays) {
        this.expiryDays = expiryDays;
    }

    public String getThreshold() {
        load();
        return threshold;
    }

    public void setThreshold(String threshold) {
        this.threshold = threshold;
    }

    public boolean isAiEnabled() {
        load();
        return aiEnabled;
    }

    public void setAiEnabled(boolean aiEnabled) {
        this.aiEnabled = aiEnabled;
    }

    /** Per destination, per field key, whether the filter lets it go, as the form edits it. */
    public Map<String, Map<String, Boolean>> getFields() {
        load();
        return fields;
    }

    /** Per destination, whether personal fields may leave through it. */
    public Map<String, Boolean> getPersonal() {
        load();
        return personal;
    }

    /** The send rates of the stores the role sees. */
    public List<StoreSendRate> getRates() {
        if (rates == null) {
            rates = settings.sendRates(person());
        }
        return rates;
    }

    /** Per store, its own rate as the form edits it (blank: the default). */
    public Map<Long, String> getRateValues() {
        if (rateValues == null) {
            rateValues = new LinkedHashMap<>();
            getRates().forEach(rate -> rateValues.put(rate.storeId(), rate.own() == null ? "" : rate.own().toString()));
        }
        return rateValues;
    }

    public int getDefaultRate() {
        return settings.defaultSendRate();
    }

    /** Saves the approval settings and the destination filters. */
    public String save() {
        try {
            Map<ExportDestination, FieldFilter> filters = new EnumMap<>(ExportDestination.class);
            for (ExportDestination destination : ExportDestination.values()) {
                List<String> allowed = getFields().get(destination.name()).entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue()))
                        .map(Map.Entry::getKey).toList();
                filters.put(destination, FieldFilter.of(allowed, Boolean.TRUE.equals(getPersonal().get(destination.name()))));
            }
            settings.change(person(), OutreachRules.parse(expiryDays, threshold, aiEnabled), filters);
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, "outreach-settings.failed");
            return null;
        }
        messages.info("outreach-settings.saved");
        return "/outreach-settings?faces-redirect=true";
    }

    /** Saves the stores' send rates. */
    public String saveRates() {
        try {
            Map<Long, Integer> changes = new LinkedHashMap<>();
            for (StoreSendRate rate : getRates()) {
                String value = getRateValues().get(rate.storeId());
                changes.put(rate.storeId(), rate(rate.storeCode(), value));
            }
            settings.changeSendRates(person(), changes);
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, "outreach-settings.failed");
            return null;
        }
        messages.info("outreach-settings.rates-saved");
        return "/outreach-settings?faces-redirect=true";
    }

    private static Integer rate(String storeCode, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new BusinessException("outreach-settings.invalid", "The send rate of " + storeCode
                    + " must be a whole number of messages per minute, not " + value.trim());
        }
    }

    /** The settings in force as the form's starting values, read once per request; never over a value a postback set. */
    private void load() {
        if (fields != null) {
            return;
        }
        OutreachRules rules = settings.rules(session.getWorkspaceId());
        if (expiryDays == null) {
            expiryDays = Integer.toString(rules.approvalExpiryDays());
        }
        if (threshold == null) {
            threshold = rules.secondApproverThreshold() == null ? "" : rules.secondApproverThreshold().toString();
        }
        if (aiEnabled == null) {
            aiEnabled = rules.aiEnabled();
        }
        fields = new LinkedHashMap<>();
        personal = new LinkedHashMap<>();
        settings.filters(session.getWorkspaceId()).forEach((destination, filter) -> {
            Map<String, Boolean> allowed = new LinkedHashMap<>();
            for (ExportField field : ExportField.values()) {
                allowed.put(field.key(), filter.allows(field));
            }
            fields.put(destination.name(), allowed);
            personal.put(destination.name(), filter.personalAllowed());
        });
    }

    private Person person() {
        return new Person(session.getWorkspaceId(), session.getUserId(), session.getActiveRole());
    }
}
