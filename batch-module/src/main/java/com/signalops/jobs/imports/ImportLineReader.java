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

/**
 * Reads one file of an import ({@code resource}: products, customers or orders) a line at a time.
 * Its checkpoint is the byte offset and number of the last line read, so a restart reads on from
 * exactly there. It remembers the ids of the parents it accepted (the children that follow must
 * name one); after a restart it takes them back from the rows this import already wrote. A bad
 * line is thrown as a {@link SkippedLine}, which the step skips and records. A missing file reads
 * as empty, and so does a file the import does not list: an upload imports one resource.
 */
@Named
@Dependent
public class ImportLineReader extends AbstractItemReader {

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
    }

    @Override
    public Object readItem() throws IOException, SkippedLine {
        if (input == null) {
            return null;
        }
        for (JsonlInput.Line line = input.next(); line != null; line = input.next()) {
            if (line.tooLong()) {
                throw new SkippedLine(SkipReason.INVALID_JSON, "the line is longer than " + JsonlInput.MAX_LINE_BYTES + " bytes")
                        .at(file, line.number());
            }
            if (line.text().isBlank()) {
                continue;
            }
            ImportLine accepted;
            try {
                accepted = parser.parse(line.text(), acceptedParents::contains);
            } catch (SkippedLine skipped) {
                throw skipped.at(file, line.number());
            }
            if (isParent(accepted)) {
                acceptedParents.add(accepted.id());
            }
            return accepted;
        }
        return null;
    }

    @Override
    public Serializable checkpointInfo() {
        return input == null ? null : new LinePosition(input.offset(), input.lineNumber());
    }

    @Override
    public void close() throws IOException {
        if (input != null) {
            input.close();
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
