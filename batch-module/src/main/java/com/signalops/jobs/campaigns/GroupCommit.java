package com.signalops.jobs.campaigns;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The group committer of a campaign send: one thread with its own database connection that commits, in ONE
 * transaction, the SENT marks of every message waiting for its commit at that moment (one set-based {@code UPDATE}
 * with the consent check for all of them; when it moves fewer rows than the group has marks, the transaction is rolled
 * back and done again with each delivery's own {@code UPDATE}: a delivery whose row count is 0 is marked
 * SKIPPED_CONSENT in the same transaction and its message answered "not sendable"), and then answers them all at
 * once, so that each sender writes its end-of-data.
 * While one transaction waits for its durable commit, the next group gathers: one log flush carries many messages.
 *
 * <p>A failure of a group's transaction (it is rolled back) fails every message of the group, and every later request
 * too: the committer is broken for the rest of the step, so nothing more is delivered and the step fails with the
 * deliveries still PENDING. The senders' other marks (FAILED) go through it as well, in the next group.
 */
final class GroupCommit implements Runnable {

    /** A statement run in a group's transaction; answers what its requester learns. */
    @FunctionalInterface
    interface Work {

        boolean apply(Connection connection, Instant now) throws SQLException;
    }

    /** A message's SENT mark (work null: delivery {@code id}) or another statement ({@code work}). */
    private record Request(long id, Work work, CompletableFuture<Boolean> answer) {
    }

    private static final long POLL_MILLIS = 100;
    /** How long the committer waits for more senders to join a group it has begun, at most. */
    private static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(2000);
    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    private final DataSource dataSource;
    private final Deliveries deliveries;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private volatile Exception broken;
    private long groups;
    private long commits;
    private int largest;
    private long redone;

    private final int senders;

    /** The committer of {@code senders} parallel senders: a group is committed once all of them wait, or soon after the first. */
    GroupCommit(DataSource dataSource, Deliveries deliveries, int senders) {
        this.dataSource = dataSource;
        this.deliveries = deliveries;
        this.senders = Math.max(1, senders);
    }

    /**
     * Commits delivery {@code id} as SENT together with the consent check, in the next group; answers false when the
     * recipient no longer consents (the delivery is then SKIPPED_CONSENT). Throws when the group's transaction failed.
     */
    boolean sent(long id) throws IOException {
        return await(new Request(id, null, new CompletableFuture<>()));
    }

    /** Runs {@code work} in the next group's transaction and answers its answer; throws when that transaction failed. */
    boolean submit(Work work) throws IOException {
        return await(new Request(0, work, new CompletableFuture<>()));
    }

    private boolean await(Request request) throws IOException {
        Exception failure = broken;
        if (failure != null) {
            throw new IOException("an earlier group commit of this send failed", failure);
        }
        queue.add(request);
        try {
            return request.answer().get();
        } catch (ExecutionException e) {
            throw new IOException("the group commit failed", e.getCause());
        } catch (InterruptedException e) {
            // the answer may still come; the message is abandoned either way (no end-of-data without an answer)
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the group commit");
        }
    }

    /** No more requests will come: the committer ends once it answered those queued. */
    void close() {
        closed = true;
    }

    /** The failure that broke the committer, if any. */
    Exception failure() {
        return broken;
    }

    /** Transactions and the marks they carried, for the log. */
    String tally() {
        return groups + " transactions for " + commits + " marks (largest " + largest + ", " + redone
                + " done again per delivery)";
    }

    @Override
    public void run() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            broken = e;
        }
        List<Request> group = new ArrayList<>();
        try {
            while (true) {
                Request first;
                try {
                    first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    // broken from now on; it still answers (fails) every request until the send closes it
                    broken = e;
                    continue;
                }
                if (first == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                group.clear();
                group.add(first);
                gather(group);
                Exception failure = broken;
                if (failure != null) {
                    fail(group, failure);
                    continue;
                }
                commit(connection, group);
            }
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.log(Level.FINE, "The group committer's connection closed with {0}", e.getClass().getName());
                }
            }
        }
    }

    /**
     * Adds to {@code group} what is queued, and waits a moment (at most {@link #GATHER_NANOS}) for the other senders'
     * marks until each sender has one in it: fewer, larger transactions, each with one durable commit. A sender never
     * waits longer than that for its group to start.
     */
    private void gather(List<Request> group) {
        queue.drainTo(group);
        long deadline = System.nanoTime() + GATHER_NANOS;
        long left;
        while (group.size() < senders && !closed && (left = deadline - System.nanoTime()) > 0) {
            try {
                Request next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    return;
                }
                group.add(next);
                queue.drainTo(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * One transaction for the whole group; every request answered after its commit, or all failed. The group's SENT
     * marks go first in one set-based statement; when it moves all of them (the usual case: every recipient still
     * consents) the other requests follow and the transaction commits. When it moves fewer, the transaction is rolled
     * back and the group done again with one statement per mark, which tells who may receive their message.
     */
    private void commit(Connection connection, List<Request> group) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        boolean[] answers;
        try {
            answers = apply(connection, group, now, true);
            if (answers == null) {
                connection.rollback();
                redone++;
                answers = apply(connection, group, now, false);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            broken = e;
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            LOG.log(Level.WARNING, "A group commit of {0} deliveries failed, none of their messages is delivered: {1}",
                    new Object[] {group.size(), e.getClass().getName()});
            fail(group, e);
            return;
        }
        groups++;
        commits += answers.length;
        largest = Math.max(largest, answers.length);
        for (int i = 0; i < answers.length; i++) {
            group.get(i).answer().complete(answers[i]);
        }
    }

    /**
     * The group's statements in the connection's transaction, uncommitted; answers each request's answer, or null
     * when {@code setBased} and the set-based mark did not move every delivery (nothing else done then).
     */
    private boolean[] apply(Connection connection, List<Request> group, Instant now, boolean setBased) throws SQLException {
        boolean[] answers = new boolean[group.size()];
        int marks = 0;
        for (Request request : group) {
            marks += request.work() == null ? 1 : 0;
        }
        long[] ids = new long[marks];
        int[] at = new int[marks];
        for (int i = 0, m = 0; i < answers.length; i++) {
            if (group.get(i).work() == null) {
                ids[m] = group.get(i).id();
                at[m++] = i;
            }
        }
        if (marks > 0) {
            boolean[] sent;
            if (setBased) {
                if (!deliveries.commitAllSent(connection, ids, now)) {
                    return null;
                }
                sent = new boolean[marks];
                Arrays.fill(sent, true);
            } else {
                sent = deliveries.commitSent(connection, ids, now);
            }
            for (int m = 0; m < marks; m++) {
                answers[at[m]] = sent[m];
                if (!sent[m]) {
                    // its recipient no longer consents: the message is abandoned, the delivery skipped with the group
                    deliveries.skip(connection, ids[m]);
                }
            }
        }
        for (int i = 0; i < answers.length; i++) {
            if (group.get(i).work() != null) {
                answers[i] = group.get(i).work().apply(connection, now);
            }
        }
        return answers;
    }

    private static void fail(List<Request> group, Exception failure) {
        for (Request request : group) {
            request.answer().completeExceptionally(failure);
        }
    }
}
