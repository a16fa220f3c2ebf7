package io.github.dingtalkauth.security.faults;

import io.github.dingtalkauth.flow.Reason;
import io.github.dingtalkauth.web.Messages;
import io.github.dingtalkauth.web.Responses;
import io.github.dingtalkauth.web.Texts;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.util.Locale;

/**
 * The filter's failure page exactly as it must look for a reason (checklist F3): the fixed template with nothing but
 * the reason's own texts, its code and the login link. A page that differs in any byte carries something else. In
 * English: the suites' clients send no {@code Accept-Language}.
 */
final class FixedPage {
    static final String LOGIN_PATH = "/dingtalk/login";
    /** Forced to English, so it answers without looking at a request. */
    private static final Messages ENGLISH = Texts.create("en").forRequest(null);

    private FixedPage() {
    }

    static String expected(String reasonCode) {
        Reason reason = Reason.valueOf(reasonCode.toUpperCase(Locale.ROOT));
        StringWriter page = new StringWriter();
        PrintWriter writer = new PrintWriter(page);
        // Only getWriter() matters; the headers and status the page sets are checked on the real response.
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                FixedPage.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> method.getName().equals("getWriter") ? writer : null);
        try {
            Responses.failurePage(response, ENGLISH, reason.status(), reason.code(),
                    ENGLISH.text(reason.messageKey()), LOGIN_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer.flush();
        return page.toString();
    }

    /** The reason code a failure page names, or null. */
    static String reasonOf(String body) {
        int at = body.indexOf("Reason: ");
        if (at < 0) {
            return null;
        }
        int end = body.indexOf('<', at);
        return body.substring(at + "Reason: ".length(), end < 0 ? body.length() : end).trim();
    }
}
