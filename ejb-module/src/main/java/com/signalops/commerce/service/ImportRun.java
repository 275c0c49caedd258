package com.signalops.commerce.service;

import com.signalops.commerce.domain.ImportSkip;
import com.signalops.commerce.domain.StoreImport;
import com.signalops.jobs.domain.JobStarter;
import java.util.List;

/** A job execution of the store-import job, its import and the first skipped lines. */
public record ImportRun(JobStarter.JobRun execution, StoreImport storeImport, List<ImportSkip> skippedLines) {

    /** How many skipped lines a report lists; the import's count has them all. */
    public static final int SKIPS_SHOWN = 1000;

    public ImportRun {
        skippedLines = List.copyOf(skippedLines);
    }
}
