package com.signalops.audit.service;

import com.signalops.audit.domain.ChainVerification;
import com.signalops.audit.domain.LoggedChainHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The audit chain heads kept outside the database, in an append-only file of JSON lines
 * ({@link LoggedChainHead}), readable and writable by the server's owner only. A rewrite of the
 * whole audit table verifies again inside the database; against the heads logged before, it shows:
 * the record at a logged position no longer carries the logged hash, or the chain is shorter than
 * logged. Records that retention deleted (at or below the chain's checkpoint) are accepted as gone.
 */
public final class AuditHeadLedger {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final String CHECKPOINT = "SELECT seq, record_hash FROM audit_chain_checkpoint WHERE chain_key = ?";
    private static final String RECORD_HASH = "SELECT record_hash FROM audit_seal WHERE chain_key = ? AND seq = ?";

    private final Path file;

    public AuditHeadLedger(Path file) {
        this.file = file;
    }

    /** The latest head logged for each chain, by chain key; empty before the first run. */
    public Map<Long, LoggedChainHead> latest() {
        Map<Long, LoggedChainHead> latest = new TreeMap<>();
        if (!Files.exists(file)) {
            return latest;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    LoggedChainHead head = LoggedChainHead.parse(line);
                    latest.put(head.chainKey(), head);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The audit chain heads file " + file + " cannot be read", e);
        }
        return latest;
    }

    /**
     * Why chain {@code now} is not a continuation of the head {@code logged} before, if it is not:
     * it must reach at least the logged position, and the record there must still carry the logged
     * hash, unless retention moved the chain's checkpoint past it.
     */
    public static Optional<String> rewriteSince(Connection connection, LoggedChainHead logged, ChainVerification now)
            throws SQLException {
        String since = " (head logged at " + logged.at() + ")";
        long chainKey = logged.chainKey();
        if (logged.seq() == 0) {
            return Optional.empty();
        }
        if (now.headSeq() < logged.seq()) {
            return Optional.of("audit chain " + chainKey + " rewritten: it ends at seq " + now.headSeq() + ", before the logged head seq "
                    + logged.seq() + since);
        }
        Optional<Checkpoint> checkpoint = checkpoint(connection, chainKey);
        if (checkpoint.isPresent() && checkpoint.get().seq() >= logged.seq()) {
            boolean sameRecord = checkpoint.get().seq() == logged.seq();
            return sameRecord && !checkpoint.get().hash().equals(logged.hash())
                    ? Optional.of("audit chain " + chainKey + " rewritten: its checkpoint at seq " + logged.seq()
                            + " does not carry the logged hash" + since)
                    : Optional.empty();
        }
        Optional<String> recordHash = recordHash(connection, chainKey, logged.seq());
        if (recordHash.isEmpty()) {
            return Optional.of("audit chain " + chainKey + " rewritten: the record at the logged head seq " + logged.seq() + " is gone"
                    + since);
        }
        if (!recordHash.get().equals(logged.hash())) {
            return Optional.of("audit chain " + chainKey + " rewritten: the record at seq " + logged.seq()
                    + " no longer carries the logged hash" + since);
        }
        return Optional.empty();
    }

    /** Appends {@code heads}, one line each, and forces them to disk; the file and its folder are the owner's only. */
    public void append(List<LoggedChainHead> heads) {
        if (heads.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        heads.forEach(head -> lines.append(head.toJson()).append('\n'));
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (!Files.exists(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            }
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                channel.write(StandardCharsets.UTF_8.encode(lines.toString()));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The audit chain heads file " + file + " cannot be written", e);
        }
    }

    private static Optional<Checkpoint> checkpoint(Connection connection, long chainKey) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(CHECKPOINT)) {
            query.setLong(1, chainKey);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Checkpoint(rows.getLong(1), rows.getString(2))) : Optional.empty();
            }
        }
    }

    private static Optional<String> recordHash(Connection connection, long chainKey, long seq) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(RECORD_HASH)) {
            query.setLong(1, chainKey);
            query.setLong(2, seq);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Where retention left a chain: the last deleted record's position and hash. */
    private record Checkpoint(long seq, String hash) {
    }
}
