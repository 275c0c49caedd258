package com.signalops.leaks.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.leaks.service.LeakAnalyses;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.web.ConsoleMessages;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A store's analysis on demand from the leaks page ({@code leaks.run}, audited as the API's is) and the progress of
 * the run of {@code ?execution=} while the page polls it: its status and the rules done of the rules to do.
 */
@Named
@ViewScoped
public class LeakAnalysisBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Set<String> IN_FLIGHT = Set.of("STARTING", "STARTED", "STOPPING");

    @EJB
    private LeakAnalyses analyses;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private ExternalContext external;

    private Long executionId;
    private Long storeId;
    private transient LeakAnalyses.AnalysisRun run;
    private transient FacesContext runReadIn;

    @PostConstruct
    void read() {
        Map<String, String> parameters = external.getRequestParameterMap();
        executionId = number(parameters.get("execution"));
        storeId = number(parameters.get("storeId"));
    }

    public boolean isRunnable() {
        return session.may(Permission.LEAKS_RUN);
    }

    /** The store to analyse (the form's, else the page's). */
    public Long getStoreId() {
        return storeId;
    }

    public void setStoreId(Long storeId) {
        this.storeId = storeId;
    }

    public Long getExecutionId() {
        return executionId;
    }

    /** Starts the analysis of the store as of now with its own settings; back to the page, which follows its progress. */
    public String start() {
        if (!audit.permits(Permission.LEAKS_RUN, AuditAction.LEAK_ANALYSIS_START, storeId, "leaks.run.not-allowed")) {
            return null;
        }
        if (storeId == null) {
            messages.error("leaks.run.failed");
            return null;
        }
        LeakAnalyses.Started started;
        try {
            started = analyses.start(viewer(), storeId, Optional.empty(), Map.of(), ConnectionActor.user(session.getUserId()));
        } catch (BusinessException refused) {
            messages.refused(refused, "leaks.run.failed");
            return null;
        }
        messages.info("leaks.run.started");
        return "/leaks?faces-redirect=true&storeId=" + storeId + "&execution=" + started.executionId();
    }

    /**
     * The run of {@code ?execution=}, if the role may see it: read once per request (the page and each poll ask for it
     * several times, and each read asks the batch runtime and the database).
     */
    public LeakAnalyses.AnalysisRun getRun() {
        if (executionId == null) {
            return null;
        }
        FacesContext request = FacesContext.getCurrentInstance();
        if (runReadIn != request) {
            try {
                run = analyses.run(viewer(), executionId);
            } catch (NotFoundException e) {
                run = null;
            }
            runReadIn = request;
        }
        return run;
    }

    /** The rules done of the rules to do, in percent (0 before the first store began). */
    public int getPercentDone() {
        LeakAnalyses.AnalysisRun run = getRun();
        return run == null || run.rulesTotal() == 0 ? 0 : 100 * run.rulesDone() / run.rulesTotal();
    }

    /** Whether the run is still going (the page polls until it is not). */
    public boolean isRunning() {
        LeakAnalyses.AnalysisRun run = getRun();
        return run != null && IN_FLIGHT.contains(run.execution().batchStatus());
    }

    private Viewer viewer() {
        return Viewer.of(session.getWorkspaceId(), session.getActiveRole());
    }

    private static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
