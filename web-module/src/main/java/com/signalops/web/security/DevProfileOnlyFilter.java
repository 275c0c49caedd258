package com.signalops.web.security;

import com.signalops.system.service.RuntimeProfile;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Pages that exist only on the dev profile until console login exists: elsewhere they
 * answer 404, as an unknown page does.
 */
@WebFilter(urlPatterns = "/system.xhtml")
public class DevProfileOnlyFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    private RuntimeProfile profile;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!profile.isDev()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }
}
