package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each built-in page the filter serves, in the language the browser asks for: Simplified Chinese or English, never
 * both, never a raw message key, with {@code lang} and {@code Vary} saying so.
 */
class PageLanguageTest extends GuardFixture {
    static final Pattern RAW_KEY = Pattern.compile("\\b(page|reason)\\.[a-z]");

    @Override
    protected String[] settings() {
        return new String[] {"excludePaths", "/, /public/*", "role.admin", "userId:zhangsan", "require./admin/*",
            "admin"};
    }

    @Override
    protected Function<DingTalkPrincipal, Set<String>> roles() {
        return principal -> Set.of();
    }

    static void assertInLanguage(Exchange page, String language, String shown, String absent) {
        assertAll(
                () -> assertTrue(page.body().contains("<html lang=\"" + language + "\">"), page::body),
                () -> assertTrue(page.body().contains(shown), page::body),
                () -> assertFalse(page.body().contains(absent), "the other language too: " + page.body()),
                () -> assertFalse(RAW_KEY.matcher(page.body()).find(), "a raw key: " + page.body()),
                () -> assertEquals("Accept-Language", page.header("Vary"), page::everything),
                () -> assertEquals(language, page.header("Content-Language"), page::everything));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zh-CN,zh;q=0.9,en;q=0.8 | zh-CN | 登录未完成 | 错误代码： state_missing | Sign-in did not complete",
        "en-US,en;q=0.9,zh;q=0.5 | en | Sign-in did not complete | Reason: state_missing | 登录未完成"})
    void theFailurePageSpeaksTheReadersLanguage(String header, String language, String title, String reason,
                                                String otherTitle) {
        Exchange page = browser.navigate("/dingtalk/callback").header("Accept-Language", header).send(filter);
        assertEquals(400, page.status(), page::everything);
        assertInLanguage(page, language, title, otherTitle);
        assertTrue(page.body().contains(reason), page::body);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zh | zh-CN | 您没有访问此页面所需的角色 | You do not have a role",
        "en | en | You do not have a role this page requires | 您没有访问此页面所需的角色"})
    void theForbiddenPageSpeaksTheReadersLanguage(String header, String language, String message, String other) {
        Browser alice = signedIn(ALICE);
        Exchange page = alice.navigate("/admin/users").header("Accept-Language", header).send(filter);
        assertEquals(403, page.status(), page::everything);
        assertInLanguage(page, language, message, other);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zh-Hans-CN | zh-CN | 确定要退出登录吗？ | Do you want to sign out?",
        "en-GB | en | Do you want to sign out? | 确定要退出登录吗？"})
    void theSignOutPageSpeaksTheReadersLanguage(String header, String language, String question, String other) {
        Exchange page = signedIn(ALICE).navigate("/dingtalk/logout").header("Accept-Language", header).send(filter);
        assertEquals(200, page.status(), page::everything);
        assertInLanguage(page, language, question, other);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zh-TW | zh-CN | 不支持此请求方式 | not supported",
        "fr | en | This request method is not supported here | 不支持"})
    void theMethodNotAllowedPageSpeaksTheReadersLanguage(String header, String language, String message,
                                                        String other) {
        Exchange page = browser.request("PUT", "/dingtalk/logout").header("Accept-Language", header).send(filter);
        assertEquals(405, page.status(), page::everything);
        assertInLanguage(page, language, message, other);
    }

    @Test
    void aLanguageAddedByAFileOnTheClassPathIsShownWithEnglishForWhatTheFileLacks() {
        Exchange failure = browser.navigate("/dingtalk/callback").header("Accept-Language", "ja-JP, en;q=0.5")
                .send(filter);
        assertInLanguage(failure, "ja", "サインインが完了しませんでした", "Sign-in did not complete");
        assertTrue(failure.body().contains("理由: state_missing"), failure::body);
        Exchange forbidden = signedIn(ALICE).navigate("/admin/users").header("Accept-Language", "ja").send(filter);
        assertInLanguage(forbidden, "ja", "Access denied", "无权访问");
    }
}
