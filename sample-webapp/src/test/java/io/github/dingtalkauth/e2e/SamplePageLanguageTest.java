package io.github.dingtalkauth.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.SignIn;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sample's own pages (home, /me, 404) in the language the browser asks for, one at a time. */
class SamplePageLanguageTest {
    private static SampleServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SampleServer.builder().port(0).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static void assertInLanguage(Browser.Response page, String language, String shown, String absent) {
        assertAll(
                () -> assertTrue(page.body().contains("<html lang=\"" + language + "\">"), page.body()),
                () -> assertTrue(page.body().contains(shown), page.body()),
                () -> assertFalse(page.body().contains(absent), "the other language too: " + page.body()),
                () -> assertEquals("Accept-Language", page.header("Vary"), page.body()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zh-CN,zh;q=0.9,en;q=0.8 | zh-CN | 其他页面需要先用钉钉登录 | every other page asks you",
        "en-US,en;q=0.9,zh;q=0.8 | en | every other page asks you | 其他页面需要先用钉钉登录"})
    void theHomePageSpeaksTheReadersLanguage(String header, String language, String shown, String absent) {
        Browser.Response home = new Browser(server.baseUri()).navigate("/", "Accept-Language", header);
        assertEquals(200, home.status(), home.body());
        assertInLanguage(home, language, shown, absent);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zh | zh-CN | <th>用户唯一标识</th> | <th>Union ID</th>",
        "en;q=0.9, zh;q=0.5 | en | <th>Union ID</th> | <th>用户唯一标识</th>"})
    void theProfilePageSpeaksTheReadersLanguage(String header, String language, String shown, String absent) {
        Browser browser = SignIn.signedIn(server.baseUri(), "/me", "zhangsan");
        Browser.Response me = browser.navigate("/me", "Accept-Language", header);
        assertEquals(200, me.status(), me.body());
        assertInLanguage(me, language, shown, absent);
    }

    @Test
    void theNotFoundPageSpeaksChineseToAChineseBrowser() {
        Browser.Response missing = new Browser(server.baseUri()).navigate("/public/nothing.html",
                "Accept-Language", "zh-Hans-CN");
        assertEquals(404, missing.status());
        assertInLanguage(missing, "zh-CN", "<h1>页面不存在</h1>", "Page not found");
    }

    static Properties bundle(String name) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = SampleServer.class.getResourceAsStream(name)) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Test
    void chineseHasEveryKeyOfEnglish() throws IOException {
        assertEquals(bundle("pages.properties").stringPropertyNames(),
                bundle("pages_zh_CN.properties").stringPropertyNames());
    }
}
