package com.signalops.outreach.web;

import com.signalops.outreach.service.Unsubscribes;
import com.signalops.shared.BusinessException;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /unsubscribe?t=…}: a campaign message's unsubscribe link, open without signing in (the signed token is the
 * only credential, and it unsubscribes only the customer it names). GET shows a confirmation page whose form POSTs
 * back; POST unsubscribes, whether from that form or as the one-click POST of RFC 8058 (body
 * {@code List-Unsubscribe=One-Click}, sent by mail clients from the {@code List-Unsubscribe} header). A token that is
 * not one SignalOps signed for unsubscribing is refused with 400, a customer no longer on file with 404; nothing
 * changes then. The pages hold no data of the customer.
 */
@WebServlet(UnsubscribeServlet.PATH)
public class UnsubscribeServlet extends HttpServlet {

    public static final String PATH = "/unsubscribe";
    private static final long serialVersionUID = 1L;

    @EJB
    private Unsubscribes unsubscribes;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = request.getParameter("t");
        try {
            unsubscribes.read(token);
        } catch (BusinessException refused) {
            page(response, HttpServletResponse.SC_BAD_REQUEST, "Link not valid", refused.getMessage(), null);
            return;
        }
        page(response, HttpServletResponse.SC_OK, "Unsubscribe", "Do you want to stop receiving these emails from this store?",
                "<form method=\"post\" action=\"unsubscribe?t=" + token + "\"><input type=\"hidden\" name=\"List-Unsubscribe\" "
                        + "value=\"One-Click\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            unsubscribes.unsubscribe(request.getParameter("t"), request.getRemoteAddr());
        } catch (BusinessException refused) {
            int status = Unsubscribes.UNKNOWN.equals(refused.code()) ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_BAD_REQUEST;
            page(response, status, status == HttpServletResponse.SC_NOT_FOUND ? "Nothing to unsubscribe" : "Link not valid",
                    refused.getMessage(), null);
            return;
        }
        page(response, HttpServletResponse.SC_OK, "Unsubscribed", "You will not receive these emails from this store any more.", null);
    }

    /** A small page; {@code form} is markup of ours (the token in it is URL-safe base64 that verified), never the customer's data. */
    private static void page(HttpServletResponse response, int status, String title, String message, String form) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>"
                + "<h1>" + title + "</h1><p>" + message + "</p>" + (form == null ? "" : form) + "</body></html>\n");
    }
}
