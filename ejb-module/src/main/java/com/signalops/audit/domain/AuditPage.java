package com.signalops.audit.domain;

import java.util.List;

/**
 * One page of a newest-first list, with the cursors of the older ({@code next}) and newer
 * ({@code previous}) pages, each null when there is none.
 */
public record AuditPage<T>(List<T> items, PageCursor next, PageCursor previous) {

    public AuditPage {
        items = List.copyOf(items);
    }
}
