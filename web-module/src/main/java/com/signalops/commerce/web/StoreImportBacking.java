package com.signalops.commerce.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.commerce.domain.ImportResource;
import com.signalops.commerce.domain.ImportSkip;
import com.signalops.commerce.domain.StoreImport;
import com.signalops.commerce.service.ImportUploads;
import com.signalops.commerce.service.StoreImports;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The imports page: the stores the active role sees, the imports of the chosen one ({@code ?storeId=})
 * and, for an import ({@code ?importId=}), its skipped lines; and the upload of a JSONL file as an
 * import of one resource, which needs {@code connections.manage} (a refusal is recorded).
 */
@Named
@RequestScoped
public class StoreImportBacking {

    @EJB
    private DirectoryService directory;

    @EJB
    private StoreImports imports;

    @Inject
    private ImportUploads uploads;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private FacesContext faces;

    private Long storeId;
    private String resource = ImportResource.ORDERS.key();
    private Part file;
    private List<Store> stores;

    public List<Store> getStores() {
        if (stores == null) {
            stores = directory.listStores(viewer());
        }
        return stores;
    }

    /** The chosen store: {@code ?storeId=}, else the first the role sees. */
    public Long getStoreId() {
        if (storeId == null) {
            String parameter = faces.getExternalContext().getRequestParameterMap().get("storeId");
            storeId = getStores().stream().map(Store::id).filter(id -> id.toString().equals(parameter)).findFirst()
                    .orElse(getStores().isEmpty() ? null : getStores().get(0).id());
        }
        return storeId;
    }

    public void setStoreId(Long storeId) {
        this.storeId = storeId;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public List<String> getResources() {
        return java.util.Arrays.stream(ImportResource.values()).map(ImportResource::key).toList();
    }

    public Part getFile() {
        return file;
    }

    public void setFile(Part file) {
        this.file = file;
    }

    public boolean isManageable() {
        return session.may(Permission.CONNECTIONS_MANAGE);
    }

    /** The chosen store's imports, newest first. */
    public List<StoreImport> getImports() {
        return getStoreId() == null ? List.of() : imports.list(viewer(), getStoreId());
    }

    /** The skipped lines of the import of {@code ?importId=}, when it is one of the chosen store's. */
    public List<ImportSkip> getSkippedLines() {
        String parameter = faces.getExternalContext().getRequestParameterMap().get("importId");
        return getImports().stream().filter(i -> i.id().toString().equals(parameter)).findFirst()
                .map(i -> imports.skips(session.getWorkspaceId(), i.id())).orElse(List.of());
    }

    /** Uploads the chosen file as an import of the chosen resource of the chosen store, and starts it. */
    public String upload() {
        if (!audit.permits(Permission.CONNECTIONS_MANAGE, AuditAction.STORE_IMPORT_START, storeId, "imports.not-allowed")) {
            return null;
        }
        ImportResource chosen = ImportResource.fromKey(resource == null ? "" : resource).orElse(null);
        if (storeId == null || chosen == null || file == null) {
            messages.error("imports.choose");
            return null;
        }
        try (InputStream body = file.getInputStream()) {
            uploads.upload(viewer(), storeId, chosen, body, ConnectionActor.user(session.getUserId()));
        } catch (IOException e) {
            messages.error("imports.unreadable");
            return null;
        } catch (NotFoundException refused) {
            audit.deniedOn(AuditAction.STORE_IMPORT_START, "store", storeId);
            messages.refused(refused, "imports.failed");
            return null;
        } catch (BusinessException refused) {
            messages.refused(refused, "imports.failed");
            return null;
        }
        messages.info("imports.started");
        return "/imports?faces-redirect=true&storeId=" + storeId;
    }

    private Viewer viewer() {
        return Viewer.of(session.getWorkspaceId(), session.getActiveRole());
    }
}
