package io.github.dingtalkauth.web;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Every response the filter writes itself. They all carry the same protective headers: never cached (a shared cache
 * replaying a login redirect would hand one user's state to another), never framed, no Referer (the callback URL
 * holds a code; the sign-out page alone sends one to its own origin).
 */
public final class Responses {
    private Responses() {
    }

    public static void protect(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    }

    /**
     * Keeps a signed-in response out of shared and browser caches, as Spring Security does, unless something before
     * the application already chose its caching; the application may still replace these headers. Constant strings
     * only: this runs on every signed-in request.
     */
    public static void uncacheableUnlessSet(HttpServletResponse response) {
        if (!response.containsHeader("Cache-Control")) {
            response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
            response.setHeader("Pragma", "no-cache");
            response.setHeader("Expires", "0");
        }
    }

    /** A redirect with exactly the given Location: relative targets stay relative, never rebuilt from Host. */
    public static void redirect(HttpServletResponse response, int status, String location) {
        protect(response);
        response.setStatus(status);
        response.setHeader("Location", location);
    }

    /** 401 for a request that cannot be redirected to DingTalk: it tells a script where a person can sign in. */
    public static void unauthorized(HttpServletResponse response, String body) throws IOException {
        json(response, HttpServletResponse.SC_UNAUTHORIZED, body);
    }

    /** A fixed JSON answer for a script, with the protective headers. */
    public static void json(HttpServletResponse response, int status, String body) throws IOException {
        protect(response);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(body);
    }

    /** The body of {@link #unauthorized}; it depends only on the login URL, so callers make it once. */
    public static String unauthorizedBody(String loginUrl) {
        return Json.createObjectBuilder()
                .add("error", "unauthenticated")
                .add("login", loginUrl)
                .build().toString();
    }

    /** The body of {@link #forbidden}: fixed, like the page, so nothing about the rule or the person shows. */
    public static final String FORBIDDEN_BODY = "{\"error\":\"forbidden\"}";

    /** The body of a 429 for a script that started too many logins. */
    public static final String RATE_LIMITED_BODY = "{\"error\":\"rate_limited\"}";

    /** 403 for a request that is not a page navigation: a signed-in caller without a role the path requires. */
    public static void forbidden(HttpServletResponse response) throws IOException {
        json(response, HttpServletResponse.SC_FORBIDDEN, FORBIDDEN_BODY);
    }

    /** A short fixed-text page in the reader's language with a link that starts a new login. */
    public static void failurePage(HttpServletResponse response, Messages messages, int status, String code,
                                   String message, String retryUrl) throws IOException {
        page(response, messages, status, messages.text("page.failure.title"), message, retryUrl,
                messages.text("page.failure.link"), code);
    }

    /** The page for a signed-in person whom a {@code require.} rule refuses; the link leads to the home page. */
    public static void forbiddenPage(HttpServletResponse response, Messages messages, String code, String message,
                                     String homeUrl) throws IOException {
        page(response, messages, HttpServletResponse.SC_FORBIDDEN, messages.text("page.forbidden.title"), message,
                homeUrl, messages.text("page.forbidden.link"), code);
    }

    /** The filter's message pages: a fixed title, the message, one link and the reason code. */
    private static void page(HttpServletResponse response, Messages messages, int status, String title,
                             String message, String linkUrl, String linkLabel, String code) throws IOException {
        protect(response);
        response.setStatus(status);
        PrintWriter out = Page.open(response, messages, title);
        out.write("<p>");
        out.write(Html.escape(message));
        out.write("</p><p><a class=\"button\" href=\"");
        out.write(Html.escape(linkUrl));
        out.write("\">");
        out.write(Html.escape(linkLabel));
        out.write("</a></p><p class=\"code\">");
        out.write(Html.escape(messages.text("page.reason")));
        out.write(" ");
        out.write(Html.escape(code));
        out.write("</p>");
        Page.close(out);
    }

    /**
     * The page {@code GET logoutPath} shows: a question and a {@code POST} form that signs out, so that a link, an
     * image or a prefetch never does. {@code signedInAs} (a nick, or null) is named so the user knows whom they end.
     * The Referer policy is {@code same-origin} here, not {@code no-referrer}: under {@code no-referrer} a browser
     * sends {@code Origin: null} with the form's POST, which the logout's cross-site check refuses.
     *
     * @param withBody false for a HEAD, which gets the same status and headers
     */
    public static void signOutPage(HttpServletResponse response, Messages messages, String logoutUrl,
                                   String cancelUrl, String signedInAs, boolean withBody) throws IOException {
        protect(response);
        response.setHeader("Referrer-Policy", "same-origin");
        response.setStatus(HttpServletResponse.SC_OK);
        if (!withBody) {
            Page.headers(response, messages);
            return;
        }
        PrintWriter out = Page.open(response, messages, messages.text("page.signOut.title"));
        out.write("<p>");
        out.write(Html.escape(messages.text("page.signOut.question")));
        out.write("</p>");
        if (signedInAs != null) {
            out.write("<p>");
            out.write(Html.escape(messages.text("page.signOut.signedInAs")));
            out.write(" <strong>");
            out.write(Html.escape(signedInAs));
            out.write("</strong></p>");
        }
        out.write("<form method=\"post\" action=\"");
        out.write(Html.escape(logoutUrl));
        out.write("\"><button class=\"button\" type=\"submit\">");
        out.write(Html.escape(messages.text("page.signOut.button")));
        out.write("</button></form><p><a href=\"");
        out.write(Html.escape(cancelUrl));
        out.write("\">");
        out.write(Html.escape(messages.text("page.signOut.cancel")));
        out.write("</a></p>");
        Page.close(out);
    }
}
