package com.signalops.jobs.retention;

import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import java.io.Serializable;

/** What the sweep's writers share: the application's database and the run they write for. */
abstract class SweepWriter extends AbstractItemWriter {

    @Inject
    ApplicationDatabase database;

    @Inject
    JobContext jobContext;

    SweepRun run;

    @Override
    public void open(Serializable checkpoint) {
        run = SweepRun.of(jobContext);
    }
}
