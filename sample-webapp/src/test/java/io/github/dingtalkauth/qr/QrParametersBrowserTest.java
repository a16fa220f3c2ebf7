package io.github.dingtalkauth.qr;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Await;
import io.github.dingtalkauth.testing.Chromium;
import io.github.dingtalkauth.testing.Query;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code GET loginPath} with {@code Accept: application/json}, fetched by a page's script in a real Chromium (the
 * sample keeps {@code loginPage=redirect}): a fresh state each time, its login cookie set, good for one sign-in.
 */
class QrParametersBrowserTest {
    private static final String FETCH = "var done = arguments[arguments.length - 1];"
            + " fetch('/dingtalk/login?returnTo=%2Fme', {headers: {Accept: 'application/json'}})"
            + ".then(function (r) { return r.text(); }).then(done, function (e) { done('failed: ' + e); });";

    private static JsonObject fetchParameters(ChromeDriver driver) {
        String body = (String) driver.executeAsyncScript(FETCH);
        return Json.createReader(new StringReader(body)).readObject();
    }

    /** Where DingTalk's frame would take these options: the emulator's authorize URL with them as the query. */
    private static String authorizeUrl(DingTalkEmulator emulator, JsonObject options) {
        StringJoiner query = new StringJoiner("&", emulator.authorizeUrl() + "?", "");
        options.forEach((name, value) -> query.add(name + "=" + Query.encode(((JsonString) value).getString())));
        return query.toString();
    }

    private static long loginCookies(ChromeDriver driver) {
        return driver.manage().getCookies().stream().map(Cookie::getName).filter(n -> n.startsWith("DTLOGIN_")).count();
    }

    @Test
    void theParametersCarryAFreshStateWhoseLoginCookieSignsInOnce() throws Exception {
        try (SampleServer server = SampleServer.builder().port(0).start();
             Chromium chromium = Chromium.start()) {
            ChromeDriver driver = chromium.driver();
            DingTalkEmulator emulator = server.emulator().orElseThrow();
            driver.get(server.baseUri() + "/public/about.html"); // a page of the app whose policy allows fetch
            JsonObject first = fetchParameters(driver);
            JsonObject second = fetchParameters(driver);
            JsonObject options = second.getJsonObject("loginOptions");
            assertAll(() -> assertNotEquals(first.getJsonObject("loginOptions").getString("state"),
                            options.getString("state")),
                    () -> assertEquals(2, loginCookies(driver), "one login cookie per answer"),
                    () -> assertEquals(server.baseUri() + "/dingtalk/callback", options.getString("redirect_uri")),
                    () -> assertEquals(emulator.corpId(), options.getString("corpId")),
                    () -> assertEquals("management", options.getString("org_type")),
                    () -> assertEquals("/dingtalk/login?mode=redirect&returnTo=%2Fme", second.getString("fallbackUrl")));

            String callback = emulator.approve(authorizeUrl(emulator, options), "zhangsan");
            driver.get(callback);
            Await.until("/me", () -> driver.getCurrentUrl().equals(server.baseUri() + "/me"));
            assertTrue(driver.getPageSource().contains(emulator.users().get(0).unionId()));

            driver.manage().deleteCookieNamed("JSESSIONID");
            driver.get(callback);
            assertTrue(driver.getPageSource().contains("state_unknown"), "the spent state is refused");
            assertEquals(1, emulator.stats().tokenRequests(), "the code was redeemed once");
        }
    }
}
