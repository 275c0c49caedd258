package com.signalops.jobs.imports;

import com.signalops.commerce.domain.ImportResource;
import com.signalops.commerce.domain.ShopifyBulkQueries;
import com.signalops.commerce.service.ImportFolder;
import com.signalops.integration.domain.BulkOperation;
import com.signalops.integration.domain.SealedSecret;
import com.signalops.integration.domain.StoreConnection;
import com.signalops.integration.service.ShopifyAdminApi;
import com.signalops.integration.service.ShopifyAdminApi.ShopifyApiException;
import com.signalops.integration.service.VaultKeyring;
import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.logging.Logger;

/**
 * The first step of {@code store-import}: for an import whose source is Shopify, runs one bulk
 * operation per resource at the store's shop, polls it with a growing pause (1 s doubling up to
 * 30 s) until it finishes, and streams its JSONL result into the import's folder. A file is
 * placed only once complete (downloaded aside, then moved), so a restart skips the resources whose
 * file is there and fetches the others. Shopify runs one bulk query per shop at a time: one still
 * running (of a run before a crash) is waited for first. {@link #stop()} ends the step at the next
 * poll. An uploaded import has its files already: the step does nothing.
 */
@Named
@Dependent
public class ShopifyBulkFetch extends AbstractBatchlet {

    static final String SKIPPED = "UPLOAD";
    static final String FETCHED = "FETCHED";
    static final String STOPPED = "STOPPED";
    private static final Logger LOG = Logger.getLogger(ShopifyBulkFetch.class.getName());
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    private static final Pattern IN_PROGRESS = Pattern.compile("already in progress: (gid://shopify/BulkOperation/[0-9]+)");

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Inject
    private ImportFolder folder;

    @Inject
    private VaultKeyring keyring;

    @Inject
    private ShopifyAdminApi shopify;

    private volatile boolean stopping;

    @Override
    public String process() throws Exception {
        ImportParameters parameters = ImportParameters.of(job);
        Source source = source(parameters);
        if (!source.fromShopify()) {
            return SKIPPED;
        }
        String token = keyring.vault().open(source.token(), StoreConnection.tokenContext(parameters.workspaceId(), parameters.storeId()));
        for (ImportResource resource : ImportResource.values()) {
            Path target = folder.file(parameters.workspaceId(), parameters.importId(), resource);
            if (Files.exists(target)) {
                continue;
            }
            if (!fetch(source.shopDomain(), token, resource, target)) {
                return STOPPED;
            }
            LOG.log(Level.INFO, "store-import {0}: {1} fetched from Shopify", new Object[] {Long.toString(parameters.importId()),
                resource.key()});
        }
        return FETCHED;
    }

    @Override
    public void stop() {
        stopping = true;
    }

    /** Runs the bulk query of {@code resource} and places its result at {@code target}; false when stopped meanwhile. */
    private boolean fetch(String shop, String token, ImportResource resource, Path target) throws IOException, InterruptedException {
        BulkOperation operation;
        try {
            operation = shopify.runBulkQuery(shop, token, ShopifyBulkQueries.of(resource));
        } catch (ShopifyApiException e) {
            Matcher running = IN_PROGRESS.matcher(e.getMessage());
            if (!running.find()) {
                throw e;
            }
            // an operation of an earlier execution still runs: Shopify takes the next one once it is done
            if (await(shop, token, running.group(1)) == null) {
                return false;
            }
            operation = shopify.runBulkQuery(shop, token, ShopifyBulkQueries.of(resource));
        }
        BulkOperation finished = await(shop, token, operation.id());
        if (finished == null) {
            return false;
        }
        if (!finished.isCompleted()) {
            throw new IllegalStateException("The bulk operation of " + resource.key() + " ended " + finished.status()
                    + (finished.errorCode() == null ? "" : " (" + finished.errorCode() + ")"));
        }
        Files.createDirectories(target.getParent());
        if (finished.resultUrl().isPresent()) {
            shopify.download(finished.resultUrl().get(), target);
        } else {
            // no objects: Shopify gives no url, and the resource's file is empty
            Path empty = target.resolveSibling(target.getFileName() + ".part");
            Files.write(empty, new byte[0]);
            Files.move(empty, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return true;
    }

    /** The operation once finished; null when stopped first. */
    private BulkOperation await(String shop, String token, String id) throws InterruptedException {
        Duration pause = FIRST_PAUSE;
        while (!stopping) {
            BulkOperation operation = shopify.bulkOperation(shop, token, id);
            if (operation.isFinished()) {
                return operation;
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
        return null;
    }

    private record Source(boolean fromShopify, String shopDomain, SealedSecret token) {
    }

    /** Where the import comes from and, for Shopify, the store's shop and sealed token. */
    private Source source(ImportParameters parameters) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT i.source, s.shop_domain, c.token_key_version, c.token_nonce, "
                        + "c.token_ciphertext FROM store_import i JOIN store s ON s.workspace_id = i.workspace_id AND s.id = i.store_id "
                        + "LEFT JOIN store_connection c ON c.workspace_id = i.workspace_id AND c.store_id = i.store_id "
                        + "AND c.status = 'CONNECTED' WHERE i.workspace_id = ? AND i.id = ? AND i.store_id = ?")) {
            query.setLong(1, parameters.workspaceId());
            query.setLong(2, parameters.importId());
            query.setLong(3, parameters.storeId());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("store-import: no import " + parameters.importId() + " of that store");
                }
                if (!"SHOPIFY".equals(row.getString(1))) {
                    return new Source(false, null, null);
                }
                if (row.getBytes(5) == null) {
                    throw new IllegalStateException("store-import: the store is not connected to Shopify");
                }
                return new Source(true, row.getString(2), new SealedSecret(row.getInt(3), row.getBytes(4), row.getBytes(5)));
            }
        }
    }
}
