package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.SignInError;
import io.github.dingtalkauth.web.RequestKind;
import io.github.dingtalkauth.web.Messages;
import io.github.dingtalkauth.web.Responses;
import io.github.dingtalkauth.web.Texts;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Ends a refused sign-in: one WARN line with the reason code, then the application's own error page when one is
 * configured, else a fixed-text page. Never a stack trace, never a redirect (a redirect back into login is how
 * loops start).
 */
public final class Failures {
    private static final System.Logger LOG = System.getLogger("io.github.dingtalkauth");

    private final String errorPage;
    private final String loginPath;
    private final Texts texts;

    public Failures(String errorPage, String loginPath, Texts texts) {
        this.errorPage = errorPage;
        this.loginPath = loginPath;
        this.texts = texts;
    }

    /** @param detail what the log may add: our own words or sanitised provider codes, never request values */
    public void send(HttpServletRequest request, HttpServletResponse response, Reason reason, String detail)
            throws IOException, ServletException {
        log(reason, detail);
        if (errorPage != null) {
            Responses.protect(response);
            response.setStatus(reason.status());
            request.setAttribute(SignInError.REQUEST_ATTRIBUTE, reason.code());
            request.getRequestDispatcher(errorPage).forward(request, response);
            return;
        }
        page(request, response, reason);
    }

    /** A refusal the client may simply repeat: {@code Retry-After} says after how many seconds. */
    public void retryLater(HttpServletRequest request, HttpServletResponse response, Reason reason, long seconds,
                           String detail) throws IOException, ServletException {
        response.setHeader("Retry-After", Long.toString(seconds));
        send(request, response, reason, detail);
    }

    /** What a sign-in refused by the bulkhead is told: DingTalk's slow calls end within requestTimeout. */
    static final long BUSY_RETRY_SECONDS = 5;

    /** {@code maxConcurrentCalls} sign-ins already wait on DingTalk: 503, try again in a few seconds. */
    void providerBusy(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        retryLater(request, response, Reason.PROVIDER_BUSY, BUSY_RETRY_SECONDS, "(maxConcurrentCalls reached)");
    }

    /**
     * {@code loginRateLimit} refused a login start: for a page navigation the page (or the application's error
     * page), for anything else {@code {"error":"rate_limited"}}; both 429 with {@code Retry-After}.
     */
    public void rateLimited(HttpServletRequest request, HttpServletResponse response, long seconds)
            throws IOException, ServletException {
        if (RequestKind.isNavigation(request)) {
            retryLater(request, response, Reason.RATE_LIMITED, seconds, null);
            return;
        }
        log(Reason.RATE_LIMITED, null);
        response.setHeader("Retry-After", Long.toString(seconds));
        Responses.json(response, Reason.RATE_LIMITED.status(), Responses.RATE_LIMITED_BODY);
    }

    /**
     * The one 405 of the filter's paths, with the {@code Allow} header naming what {@code path} answers. Always the
     * fixed page: an application's error page is not written to answer a HEAD or a PUT.
     *
     * @param allow the methods the path answers, such as {@code "GET, POST"}
     * @param path  which of the filter's paths, for the log
     */
    public void methodNotAllowed(HttpServletRequest request, HttpServletResponse response, String allow, String path)
            throws IOException {
        log(Reason.METHOD_NOT_ALLOWED, path);
        response.setHeader("Allow", allow);
        page(request, response, Reason.METHOD_NOT_ALLOWED);
    }

    /** The one WARN line of every refusal the filter answers, whatever answers it. */
    static void log(Reason reason, String detail) {
        LOG.log(Level.WARNING, "DingTalk login refused a request: reason=" + reason.code()
                + (detail == null ? "" : " " + detail));
    }

    /** The texts of the reader's language, for a page the flow writes itself (the in-app and QR pages). */
    Messages messages(HttpServletRequest request) {
        return texts.forRequest(request);
    }

    private void page(HttpServletRequest request, HttpServletResponse response, Reason reason) throws IOException {
        Messages messages = texts.forRequest(request);
        Responses.failurePage(response, messages, reason.status(), reason.code(), messages.text(reason.messageKey()),
                request.getContextPath() + loginPath);
    }
}
