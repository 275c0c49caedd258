package com.signalops.jobs.imports;

import com.signalops.integration.domain.BulkOperation;
import com.signalops.integration.service.ShopifyAdminApi;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shopify's Admin API as the bulk fetch sees it, outside the server, where the fake Shopify of the
 * system tests (with its HTTPS and GraphQL) does not run: bulk operations go CREATED, RUNNING,
 * then COMPLETED with the file a test gave for their resource (one poll per step, no clock), or
 * FAILED for a resource a test made fail once, or stay RUNNING for one it made hang. The HTTP
 * client itself is tested against the fake in ShopifyImportIT.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedShopifyAdminApi extends ShopifyAdminApi {

    static final String TOKEN = "shpat_batch-test-token";

    private static final Map<String, Path> RESULTS = new ConcurrentHashMap<>();
    private static final Set<String> FAIL_ONCE = ConcurrentHashMap.newKeySet();
    private static final Set<String> HANG = ConcurrentHashMap.newKeySet();
    private static final List<String> RUNS = new CopyOnWriteArrayList<>();
    private static final Map<String, String> RESOURCES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> POLLS = new ConcurrentHashMap<>();
    private static final Set<String> FAILING = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger NEXT = new AtomicInteger(100);
    private static final String EARLIER = "gid://shopify/BulkOperation/1";
    private static final AtomicInteger EARLIER_POLLS = new AtomicInteger(-1);

    static void reset() {
        RESULTS.clear();
        FAIL_ONCE.clear();
        HANG.clear();
        RUNS.clear();
        RESOURCES.clear();
        POLLS.clear();
        FAILING.clear();
        EARLIER_POLLS.set(-1);
    }

    /** An operation of an earlier execution still runs at the shop: it completes after two polls. */
    static void earlierOperationRunning() {
        EARLIER_POLLS.set(0);
    }

    /** Whether the earlier operation was polled to its end. */
    static boolean earlierOperationAwaited() {
        return EARLIER_POLLS.get() > 2;
    }

    static void serve(String resource, Path file) {
        RESULTS.put(resource, file);
    }

    static void failOnce(String resource) {
        FAIL_ONCE.add(resource);
    }

    static void hang(String resource) {
        HANG.add(resource);
    }

    /** The resources of the bulk operations run, in order. */
    static List<String> runs() {
        return List.copyOf(RUNS);
    }

    static int polls() {
        return POLLS.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public BulkOperation runBulkQuery(String shopDomain, String accessToken, String query) {
        requireToken(accessToken);
        if (EARLIER_POLLS.get() >= 0 && EARLIER_POLLS.get() <= 2) {
            // as Shopify refuses a second bulk query of the app at the shop
            throw new ShopifyApiException("bulkOperationRunQuery refused: A bulk query operation for this app and shop is already in "
                    + "progress: " + EARLIER + ".");
        }
        String resource = query.strip().substring(1).strip().split("[ {]")[0];
        String id = "gid://shopify/BulkOperation/" + NEXT.incrementAndGet();
        RUNS.add(resource);
        RESOURCES.put(id, resource);
        POLLS.put(id, new AtomicInteger());
        if (FAIL_ONCE.remove(resource)) {
            FAILING.add(id);
        }
        return new BulkOperation(id, "CREATED", null, 0, null);
    }

    @Override
    public BulkOperation bulkOperation(String shopDomain, String accessToken, String id) {
        requireToken(accessToken);
        if (id.equals(EARLIER)) {
            return new BulkOperation(id, EARLIER_POLLS.getAndIncrement() < 2 ? "RUNNING" : "COMPLETED", null, 0, null);
        }
        String resource = RESOURCES.get(id);
        int polls = POLLS.get(id).getAndIncrement();
        if (polls < 1 || HANG.contains(resource)) {
            return new BulkOperation(id, polls == 0 ? "CREATED" : "RUNNING", null, 0, null);
        }
        if (FAILING.contains(id)) {
            return new BulkOperation(id, "FAILED", "INTERNAL_SERVER_ERROR", 0, null);
        }
        Path result = RESULTS.get(resource);
        return new BulkOperation(id, "COMPLETED", null, result == null ? 0 : 1, result == null ? null : result.toUri());
    }

    @Override
    public void download(URI url, Path target) {
        try {
            Files.copy(Path.of(url), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireToken(String accessToken) {
        if (!TOKEN.equals(accessToken)) {
            throw new ShopifyApiException("Shopify answered 401");
        }
    }
}
