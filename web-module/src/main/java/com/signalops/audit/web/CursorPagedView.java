package com.signalops.audit.web;

import com.signalops.audit.domain.AuditPage;
import com.signalops.audit.domain.PageCursor;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A viewer page of the audit log that reads a page at a time by cursor: the first page on open,
 * search, next and previous; every page shown is recorded as {@code audit.view}, and a refused
 * filter becomes a message.
 */
abstract class CursorPagedView<T> implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Inject
    private ConsoleAuditViews views;

    @Inject
    private ConsoleMessages messages;

    private AuditPage<T> page = new AuditPage<>(List.of(), null, null);

    /** The page that starts at {@code cursor} (null: the newest) under the page's current filter. */
    protected abstract AuditPage<T> read(PageCursor cursor);

    @PostConstruct
    void firstPage() {
        show(null);
    }

    public void search() {
        show(null);
    }

    public void next() {
        show(page.next());
    }

    public void previous() {
        show(page.previous());
    }

    private void show(PageCursor cursor) {
        try {
            page = read(cursor);
            views.viewed();
        } catch (BusinessException refused) {
            messages.refused(refused, "audit.failed");
        }
    }

    protected List<T> items() {
        return page.items();
    }

    public boolean isHasNext() {
        return page.next() != null;
    }

    public boolean isHasPrevious() {
        return page.previous() != null;
    }

    public String at(Instant at) {
        return MILLIS.format(at);
    }
}
