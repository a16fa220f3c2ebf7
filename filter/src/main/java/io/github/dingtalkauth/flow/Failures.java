package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.SignInError;
import io.github.dingtalkauth.web.Responses;
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

    public Failures(String errorPage, String loginPath) {
        this.errorPage = errorPage;
        this.loginPath = loginPath;
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

    private static void log(Reason reason, String detail) {
        LOG.log(Level.WARNING, "DingTalk login refused a request: reason=" + reason.code()
                + (detail == null ? "" : " " + detail));
    }

    private void page(HttpServletRequest request, HttpServletResponse response, Reason reason) throws IOException {
        Responses.failurePage(response, reason.status(), reason.code(), reason.chinese(), reason.english(),
                request.getContextPath() + loginPath);
    }
}
