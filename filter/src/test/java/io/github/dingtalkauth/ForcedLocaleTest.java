package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.support.Filters;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

/** {@code locale=zh-CN}: every page in Simplified Chinese, whatever the browser asks, and no {@code Vary}. */
class ForcedLocaleTest extends FilterFixture {

    @Override
    protected String[] settings() {
        return new String[] {"excludePaths", "/", "locale", "zh-CN"};
    }

    @Test
    void theLocaleSettingWinsOverAcceptLanguage() {
        Exchange page = browser.navigate("/dingtalk/callback").header("Accept-Language", "en-US,en;q=0.9")
                .send(filter);
        assertAll(
                () -> assertTrue(page.body().contains("<html lang=\"zh-CN\">"), page::body),
                () -> assertTrue(page.body().contains("登录未完成"), page::body),
                () -> assertTrue(!page.body().contains("Sign-in did not complete"), page::body),
                () -> assertNull(page.header("Vary"), "the page does not depend on the header"));
    }

    @Test
    void aForcedLanguageWithoutAMessagesFileStopsTheFilterFromStarting() {
        ServletException e = assertThrows(ServletException.class,
                () -> Filters.start(container, Filters.params(dingtalk, "locale", "fr-FR")));
        assertTrue(e.getMessage().contains("locale"), e.getMessage());
    }

    @Test
    void aMalformedLocaleIsRefused() {
        ServletException e = assertThrows(ServletException.class,
                () -> Filters.start(container, Filters.params(dingtalk, "locale", "<script>")));
        assertTrue(e.getMessage().contains("expected auto or a language tag"), e.getMessage());
    }
}
