package com.signalops.web.security;

import com.signalops.audit.service.CurrentActor;
import com.signalops.shared.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives every request a fresh id, which audit records written for it name and the response
 * carries as {@code X-Request-Id}, so that a caller can point at the record of their call. An id
 * the caller sends is not taken: it would let them write into the audit trail. Declared in web.xml,
 * first of all filters.
 */
public class RequestIdFilter extends HttpFilter {

    public static final String HEADER = "X-Request-Id";


    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requestId = RequestIds.fresh();
        response.setHeader(HEADER, requestId);
        RequestIds.set(requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            RequestIds.clear();
            CurrentActor.clear();
        }
    }
}
