package com.signalops.jobs.imports;

import com.signalops.commerce.service.StoreImports;
import jakarta.batch.runtime.context.JobContext;
import java.util.Properties;

/**
 * The workspace, store and import a {@code store-import} execution works on: the job-level
 * properties of store-import.xml, taken from its job parameters (named as {@link StoreImports} sets them).
 */
record ImportParameters(long workspaceId, long storeId, long importId) {

    static ImportParameters of(JobContext job) {
        Properties properties = job.getProperties();
        return new ImportParameters(number(properties, StoreImports.WORKSPACE_PARAMETER), number(properties, StoreImports.STORE_PARAMETER),
                number(properties, StoreImports.IMPORT_PARAMETER));
    }

    private static long number(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("store-import needs the job parameter " + name);
        }
        return Long.parseLong(value.trim());
    }
}
