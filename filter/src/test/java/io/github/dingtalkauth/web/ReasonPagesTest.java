package io.github.dingtalkauth.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.flow.Reason;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The failure page of every reason, in Simplified Chinese and in English: different words, no raw key. */
class ReasonPagesTest {
    static final Pattern RAW_KEY = Pattern.compile("\\b(page|reason)\\.[a-z]");

    static String page(Reason reason, String language) throws IOException {
        Messages messages = Texts.create(language).forRequest(null);
        StringWriter body = new StringWriter();
        PrintWriter writer = new PrintWriter(body);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                ReasonPagesTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> method.getName().equals("getWriter") ? writer : null);
        Responses.failurePage(response, messages, reason.status(), reason.code(),
                messages.text(reason.messageKey()), "/dingtalk/login");
        writer.flush();
        return body.toString();
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void eachReasonHasItsPageInChineseAndInEnglish(Reason reason) throws IOException {
        String chinese = page(reason, "zh-CN");
        String english = page(reason, "en");
        assertAll(
                () -> assertTrue(chinese.contains("<html lang=\"zh-CN\">"), chinese),
                () -> assertTrue(english.contains("<html lang=\"en\">"), english),
                () -> assertTrue(chinese.contains("错误代码： " + reason.code()), chinese),
                () -> assertTrue(english.contains("Reason: " + reason.code()), english),
                () -> assertNotEquals(strip(chinese), strip(english), "the same words in both"),
                () -> assertFalse(RAW_KEY.matcher(chinese).find(), chinese),
                () -> assertFalse(RAW_KEY.matcher(english).find(), english),
                () -> assertFalse(english.matches("(?s).*\\p{IsHan}.*"), "Chinese on the English page: " + english));
    }

    /** The message paragraph alone, so that the comparison is about the reason's own words. */
    private static String strip(String page) {
        int start = page.indexOf("</h1><p>") + 8;
        return page.substring(start, page.indexOf("</p>", start));
    }
}
