package com.signalops.commerce.service;

import com.signalops.commerce.domain.ImportResource;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.Viewer;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An uploaded import file, from the API or the console: streamed to a staging file (at most
 * {@code SIGNALOPS_IMPORT_MAX_BYTES}), recorded as an import of its store by {@link StoreImports}
 * (which moves it into the import's folder), then started. Outside any transaction, so that the
 * upload's length never holds one open; a staging file whose import is refused is deleted.
 */
@ApplicationScoped
public class ImportUploads {

    /** An upload recorded and started. */
    public record Started(long importId, long executionId) {
    }

    @EJB
    private StoreImports imports;

    @Inject
    private ImportFolder folder;

    @Inject
    @ConfigProperty(name = "SIGNALOPS_IMPORT_MAX_BYTES", defaultValue = "2147483648")
    private long maxBytes;

    /**
     * Imports {@code body} as {@code resource}'s file of store {@code storeId}.
     *
     * @throws BusinessException {@code import.too-large}, {@code import.empty} or {@code import.unreadable} for the body
     * @throws NotFoundException when {@code viewer} does not see the store
     */
    public Started upload(Viewer viewer, long storeId, ImportResource resource, InputStream body, ConnectionActor actor) {
        Path staged = folder.stage(body, maxBytes);
        long importId;
        try {
            importId = imports.recordUpload(viewer, storeId, resource, staged, actor);
        } catch (RuntimeException e) {
            folder.discard(staged);
            throw e;
        }
        return new Started(importId, imports.start(viewer.workspaceId(), importId));
    }
}
