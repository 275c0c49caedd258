package com.signalops.commerce.service;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.service.AuditTrail;
import com.signalops.commerce.domain.ImportResource;
import com.signalops.commerce.domain.ImportSkip;
import com.signalops.commerce.domain.ImportSource;
import com.signalops.commerce.domain.StoreImport;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.integration.service.StoreConnectionService;
import com.signalops.jobs.domain.JobStarter;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Store imports: an uploaded file recorded as an import of its store and placed in the import
 * folder, the {@value #JOB} job started for it, and what it did (the job itself records its outcome). Every read and change is in the
 * caller's workspace and, for people and keys, within what their scope sees: an import of a store
 * they do not see answers like an unknown one. Requests are audited ({@code store-import.start}).
 */
@Stateless
public class StoreImports {

    /** The job that reads an import's files into the store's tables. */
    public static final String JOB = "store-import";
    /** The job parameters it takes. */
    public static final String WORKSPACE_PARAMETER = "workspaceId";
    public static final String STORE_PARAMETER = "storeId";
    public static final String IMPORT_PARAMETER = "importId";

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private DirectoryService directory;

    @EJB
    private AuditTrail audit;

    @EJB
    private JobStarter jobs;

    @EJB
    private StoreConnectionService connections;

    @Inject
    private ImportFolder folder;

    private Clock clock = Clock.systemUTC();

    /**
     * Records an import of {@code resource} of store {@code storeId} from the uploaded file
     * {@code staged}, which moves into the import's folder. Answers the import's id; {@link #start}
     * then runs it.
     *
     * @throws NotFoundException when {@code viewer} does not see the store
     */
    public long recordUpload(Viewer viewer, long storeId, ImportResource resource, Path staged, ConnectionActor actor) {
        directory.store(viewer, storeId);
        tenant(viewer.workspaceId());
        StoreImport storeImport = new StoreImport(storeId, ImportSource.UPLOAD, List.of(resource), actor.id(), clock.instant());
        em.persist(storeImport);
        em.flush();
        long bytes = size(staged);
        folder.place(staged, viewer.workspaceId(), storeImport.id(), resource);
        Map<String, Object> after = snapshot(storeImport);
        after.put("bytes", bytes);
        audit.record(AuditEntry.of(AuditAction.STORE_IMPORT_START, AuditOutcome.SUCCESS).in(viewer.workspaceId())
                .by(actor.type(), actor.id()).via(actor.source()).on(storeImport.id()).after(after).build());
        return storeImport.id();
    }

    /**
     * Records an import of store {@code storeId}'s three resources from its Shopify shop, whose
     * files the job's first step fetches by bulk operations. Answers the import's id; {@link #start}
     * then runs it.
     *
     * @throws NotFoundException when {@code viewer} does not see the store
     * @throws BusinessException {@code import.store-not-connected} when the store has no live Shopify connection
     */
    public long requestFromShopify(Viewer viewer, long storeId, ConnectionActor actor) {
        directory.store(viewer, storeId);
        if (connections.liveConnection(viewer.workspaceId(), storeId).isEmpty()) {
            throw new BusinessException("import.store-not-connected", "The store is not connected to Shopify");
        }
        tenant(viewer.workspaceId());
        StoreImport storeImport = new StoreImport(storeId, ImportSource.SHOPIFY, List.of(ImportResource.values()), actor.id(),
                clock.instant());
        em.persist(storeImport);
        em.flush();
        audit.record(AuditEntry.of(AuditAction.STORE_IMPORT_START, AuditOutcome.SUCCESS).in(viewer.workspaceId())
                .by(actor.type(), actor.id()).via(actor.source()).on(storeImport.id()).after(snapshot(storeImport)).build());
        return storeImport.id();
    }

    /** Starts the {@value #JOB} job for import {@code importId} of workspace {@code workspaceId}; answers its execution id. */
    public long start(long workspaceId, long importId) {
        StoreImport storeImport = get(workspaceId, importId);
        Properties parameters = new Properties();
        parameters.setProperty(WORKSPACE_PARAMETER, Long.toString(workspaceId));
        parameters.setProperty(STORE_PARAMETER, Long.toString(storeImport.storeId()));
        parameters.setProperty(IMPORT_PARAMETER, Long.toString(importId));
        long executionId = jobs.start(JOB, parameters);
        storeImport.startedAs(executionId);
        return executionId;
    }

    /** Import {@code importId} as {@code viewer} may see it. */
    public StoreImport find(Viewer viewer, long importId) {
        tenant(viewer.workspaceId());
        StoreImport storeImport = em.find(StoreImport.class, importId);
        if (storeImport == null) {
            throw new NotFoundException("Import");
        }
        try {
            directory.store(viewer, storeImport.storeId());
        } catch (NotFoundException e) {
            throw new NotFoundException("Import");
        }
        return storeImport;
    }

    /**
     * The import that job execution {@code executionId} runs (its first execution or a restart),
     * as {@code viewer} may see it, with the execution's batch status.
     *
     * @throws NotFoundException for an execution of another job, another workspace or an unknown one
     */
    public ImportRun run(Viewer viewer, long executionId) {
        JobStarter.JobRun run = jobs.describe(executionId).filter(r -> JOB.equals(r.jobName()))
                .filter(r -> Long.toString(viewer.workspaceId()).equals(r.parameters().getProperty(WORKSPACE_PARAMETER)))
                .orElseThrow(() -> new NotFoundException("Job execution"));
        long importId;
        try {
            importId = Long.parseLong(run.parameters().getProperty(IMPORT_PARAMETER));
        } catch (NumberFormatException e) {
            throw new NotFoundException("Job execution");
        }
        StoreImport storeImport;
        try {
            storeImport = find(viewer, importId);
        } catch (NotFoundException e) {
            throw new NotFoundException("Job execution");
        }
        return new ImportRun(run, storeImport, skips(viewer.workspaceId(), importId));
    }

    /** The imports of store {@code storeId}, newest first. */
    public List<StoreImport> list(Viewer viewer, long storeId) {
        directory.store(viewer, storeId);
        tenant(viewer.workspaceId());
        return em.createNamedQuery("StoreImport.findByStore", StoreImport.class).setParameter("storeId", storeId).setMaxResults(50)
                .getResultList();
    }

    /** The lines import {@code importId} skipped, by file and line number. */
    public List<ImportSkip> skips(long workspaceId, long importId) {
        tenant(workspaceId);
        return em.createNamedQuery("ImportSkip.findByImport", ImportSkip.class).setParameter("importId", importId)
                .setMaxResults(ImportRun.SKIPS_SHOWN).getResultList();
    }

    private StoreImport get(long workspaceId, long importId) {
        tenant(workspaceId);
        return Optional.ofNullable(em.find(StoreImport.class, importId)).orElseThrow(() -> new NotFoundException("Import"));
    }

    private static Map<String, Object> snapshot(StoreImport storeImport) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", storeImport.id());
        values.put("storeId", storeImport.storeId());
        values.put("source", storeImport.source().name());
        values.put("resources", storeImport.resources().stream().map(ImportResource::key).toList());
        return values;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private void tenant(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }
}
