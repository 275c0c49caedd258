package com.signalops.jobs.imports;

import com.signalops.commerce.domain.BulkLineParser;
import com.signalops.commerce.domain.ImportLine;
import com.signalops.commerce.domain.ImportResource;
import com.signalops.commerce.domain.JsonlInput;
import com.signalops.commerce.domain.LongIdSet;
import com.signalops.commerce.domain.SkipReason;
import com.signalops.commerce.domain.SkippedLine;
import com.signalops.commerce.service.ImportFolder;
import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads one file of an import ({@code resource}: products, customers or orders) a line at a time.
 * Its checkpoint is the byte offset and number of the last line read, so a restart reads on from
 * exactly there. It remembers the ids of the parents it accepted (the children that follow must
 * name one); after a restart it takes them back from the rows this import already wrote. A bad
 * line is thrown as a {@link SkippedLine}, which the step skips and records. A missing file reads
 * as empty, and so does a file the import does not list: an upload imports one resource. Lines
 * are read and parsed ahead on a thread of the reader's own, in order, into a bounded queue; the
 * checkpoint is the position of the last line handed to the chunk, not of the last one parsed.
 */
@Named
@Dependent
public class ImportLineReader extends AbstractItemReader {

    /** How many parsed lines may wait for the chunk: bounded, so memory is. */
    private static final int READ_AHEAD = 4096;

    @Inject
    private JobContext job;

    @Inject
    private ApplicationDatabase database;

    @Inject
    private ImportFolder folder;

    @Inject
    @BatchProperty
    private String resource;

    private ImportResource file;
    private ImportParameters parameters;
    private BulkLineParser parser;
    private final LongIdSet acceptedParents = new LongIdSet();
    private JsonlInput input;
    private final BlockingQueue<Parsed> parsed = new ArrayBlockingQueue<>(READ_AHEAD);
    private Thread readAhead;
    private volatile Exception readFailure;
    private long offset;
    private long lineNumber;

    /** A line read ahead: accepted or skipped, with the position just after it; {@link #END} after the last. */
    private record Parsed(ImportLine line, SkippedLine skipped, long offset, long lineNumber) {
    }

    private static final Parsed END = new Parsed(null, null, -1, -1);

    @Override
    public void open(Serializable checkpoint) throws IOException, SQLException {
        file = ImportResource.fromKey(resource).orElseThrow(() -> new IllegalArgumentException("no import resource " + resource));
        parameters = ImportParameters.of(job);
        parser = new BulkLineParser(file);
        Path path = folder.file(parameters.workspaceId(), parameters.importId(), file);
        if (!readsResource() || !Files.exists(path)) {
            return;
        }
        LinePosition position = checkpoint == null ? new LinePosition(0, 0) : (LinePosition) checkpoint;
        if (checkpoint != null) {
            loadAcceptedParents();
        }
        input = new JsonlInput(Files.newInputStream(path), position.offset(), position.lineNumber());
        offset = position.offset();
        lineNumber = position.lineNumber();
        // parsing runs ahead on a thread of its own while the chunk's writer waits on the database (2 cores: one each)
        readAhead = new Thread(this::parseAhead, "store-import-read-ahead-" + parameters.importId() + "-" + file.key());
        readAhead.setDaemon(true);
        readAhead.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        readAhead.start();
    }

    @Override
    public Object readItem() throws Exception {
        if (readAhead == null) {
            return null;
        }
        Parsed next = parsed.take();
        if (next == END) {
            parsed.put(END);
            if (readFailure != null) {
                throw readFailure;
            }
            return null;
        }
        offset = next.offset();
        lineNumber = next.lineNumber();
        if (next.skipped() != null) {
            throw next.skipped();
        }
        return next.line();
    }

    @Override
    public Serializable checkpointInfo() {
        return input == null ? null : new LinePosition(offset, lineNumber);
    }

    @Override
    public void close() throws IOException {
        if (readAhead != null) {
            readAhead.interrupt();
        }
        if (input != null) {
            input.close();
        }
    }

    /**
     * Reads and parses the file in order into {@link #parsed} (at most {@value #READ_AHEAD} lines
     * ahead of the chunk), remembering accepted parents as it goes; ends with {@link #END}.
     */
    private void parseAhead() {
        try {
            for (JsonlInput.Line line = input.next(); line != null; line = input.next()) {
                if (line.tooLong()) {
                    parsed.put(new Parsed(null, new SkippedLine(SkipReason.INVALID_JSON, "the line is longer than "
                            + JsonlInput.MAX_LINE_BYTES + " bytes").at(file, line.number()), input.offset(), line.number()));
                    continue;
                }
                if (line.text().isBlank()) {
                    continue;
                }
                try {
                    ImportLine accepted = parser.parse(line.text(), acceptedParents::contains);
                    if (isParent(accepted)) {
                        acceptedParents.add(accepted.id());
                    }
                    parsed.put(new Parsed(accepted, null, input.offset(), line.number()));
                } catch (SkippedLine skipped) {
                    parsed.put(new Parsed(null, skipped.at(file, line.number()), input.offset(), line.number()));
                }
            }
            parsed.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            readFailure = e;
            parsed.clear();
            parsed.offer(END);
        }
    }

    private boolean isParent(ImportLine line) {
        return line instanceof ImportLine.ProductLine || line instanceof ImportLine.OrderLine;
    }

    /** Whether the import lists this reader's resource (a file it does not list is not its own, whatever the folder holds). */
    private boolean readsResource() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT resources FROM store_import WHERE workspace_id = ? AND id = ?")) {
            query.setLong(1, parameters.workspaceId());
            query.setLong(2, parameters.importId());
            try (ResultSet row = query.executeQuery()) {
                return row.next() && java.util.Arrays.asList(row.getString(1).split(",")).contains(file.key());
            }
        }
    }

    /** The parents this import wrote before the checkpoint: a child after it may name any of them. */
    private void loadAcceptedParents() throws SQLException {
        String sql = switch (file) {
            case PRODUCTS -> "SELECT product_id FROM commerce_product WHERE workspace_id = ? AND store_id = ? AND import_id = ?";
            case ORDERS -> "SELECT order_id FROM commerce_order WHERE workspace_id = ? AND store_id = ? AND import_id = ?";
            case CUSTOMERS -> null;
        };
        if (sql == null) {
            return;
        }
        try (Connection connection = database.dataSource().getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, parameters.workspaceId());
            query.setLong(2, parameters.storeId());
            query.setLong(3, parameters.importId());
            query.setFetchSize(10_000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    acceptedParents.add(rows.getLong(1));
                }
            }
        }
    }
}
