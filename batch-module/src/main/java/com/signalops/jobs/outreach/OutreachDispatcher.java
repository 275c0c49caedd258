package com.signalops.jobs.outreach;

import com.signalops.approvals.domain.SubjectKind;
import com.signalops.approvals.service.Approvals;
import com.signalops.jobs.service.JobLauncher;
import com.signalops.outreach.service.OutreachWork;
import com.signalops.system.service.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries approved outward work out within seconds of its approval: claims each approved campaign's approval (once:
 * the campaign becomes sending) and starts its {@code campaign-send} job; restarts, from the deliveries still pending,
 * a send whose execution a stopped server interrupted (or that was claimed and never started); and expires requests
 * and approvals past their time. A non-persistent interval timer: the state is in the tables, so after a restart the
 * next tick finds whatever was left. Approved segment exports are claimed here too and made by the export processor.
 */
@Singleton
@Startup
@DependsOn("signalops-ejb.jar#SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutreachDispatcher {

    private static final Logger LOG = Logger.getLogger(OutreachDispatcher.class.getName());
    public static final String SEND_JOB = "campaign-send";
    public static final String WORKSPACE_PARAMETER = "workspaceId";
    public static final String CAMPAIGN_PARAMETER = "campaignId";
    private static final int BATCH = 20;

    @Resource
    private TimerService timerService;

    @EJB
    private SchemaMigrator migrator;

    @EJB
    private Approvals approvals;

    @EJB
    private OutreachWork work;

    @EJB
    private JobLauncher jobs;

    @Inject
    @ConfigProperty(name = "SIGNALOPS_OUTREACH_POLL_SECONDS", defaultValue = "10")
    private long pollSeconds;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        long interval = Math.max(1, pollSeconds) * 1000;
        timerService.createIntervalTimer(interval, interval, new TimerConfig("outreach", false));
    }

    @Timeout
    void tick(Timer timer) {
        if (!migrator.isMigrated() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            approvals.expireDue();
            startApprovedSends();
            restartInterruptedSends();
            produceApprovedExports();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outreach work could not be dispatched, trying again at the next tick: {0}", e.getClass().getName());
        } finally {
            running.set(false);
        }
    }

    /** Claims and starts the send of each approved campaign; answers how many started. */
    public int startApprovedSends() {
        int started = 0;
        for (OutreachWork.CampaignRef campaign : work.approvedCampaigns(BATCH)) {
            if (approvals.claimForUse(campaign.workspaceId(), SubjectKind.CAMPAIGN, campaign.campaignId(), null).isEmpty()) {
                continue;
            }
            long execution = jobs.start(SEND_JOB, parameters(campaign));
            work.sendingAs(campaign.workspaceId(), campaign.campaignId(), execution);
            LOG.log(Level.INFO, "Campaign {0} of workspace {1}: send started as execution {2}",
                    new Object[] {campaign.campaignId(), campaign.workspaceId(), execution});
            started++;
        }
        return started;
    }

    /**
     * Carries out each approved segment export: its approval claimed once, its file made a pending data export that
     * the export processor's {@code segment-export} job writes.
     */
    int produceApprovedExports() {
        int claimed = 0;
        for (OutreachWork.CampaignRef export : work.approvedExports(BATCH)) {
            if (approvals.claimForUse(export.workspaceId(), SubjectKind.EXPORT, export.campaignId(), null).isPresent()) {
                claimed++;
            }
        }
        return claimed;
    }

    /** Restarts each send a stopped server interrupted, and starts the sends claimed but never started. */
    void restartInterruptedSends() {
        Duration settled = Duration.ofSeconds(2 * Math.max(1, pollSeconds));
        for (OutreachWork.CampaignRef campaign : work.sendingCampaigns(settled, BATCH)) {
            try {
                if (campaign.executionId() == null) {
                    long execution = jobs.start(SEND_JOB, parameters(campaign));
                    work.sendingAs(campaign.workspaceId(), campaign.campaignId(), execution);
                    continue;
                }
                jobs.restartIfInterrupted(SEND_JOB, campaign.executionId(), settled).ifPresent(execution -> LOG.log(Level.INFO,
                        "Campaign {0}: its send was interrupted; execution {1} continues it", new Object[] {campaign.campaignId(), execution}));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The send of campaign {0} could not be restarted now: {1}",
                        new Object[] {campaign.campaignId(), e.getClass().getName()});
            }
        }
    }

    private static Properties parameters(OutreachWork.CampaignRef campaign) {
        Properties parameters = new Properties();
        parameters.setProperty(WORKSPACE_PARAMETER, Long.toString(campaign.workspaceId()));
        parameters.setProperty(CAMPAIGN_PARAMETER, Long.toString(campaign.campaignId()));
        return parameters;
    }
}
