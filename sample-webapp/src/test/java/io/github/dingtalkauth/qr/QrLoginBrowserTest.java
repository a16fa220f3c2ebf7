package io.github.dingtalkauth.qr;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Await;
import io.github.dingtalkauth.testing.Chromium;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code loginPage=qr} in a real headless Chromium: the sample in dev mode on {@code localhost}, the emulator's
 * stand-in for DingTalk's QR script and frame on {@code 127.0.0.1}, the page under its own CSP.
 */
class QrLoginBrowserTest {
    /** Waits for the stand-in's QR frame in the page and switches into it, once its scan buttons are there. */
    static void enterQrFrame(ChromeDriver driver) {
        WebElement frame = Await.until("the QR frame", () -> driver.findElement(By.cssSelector("#dt-qr iframe")));
        driver.switchTo().frame(frame);
        Await.until("the scan buttons", () -> driver.findElement(By.name("user")));
    }

    static List<String> cspViolations(Chromium chromium) {
        return chromium.consoleMessages().stream().filter(m -> m.contains("Content Security Policy")).toList();
    }

    @Test
    void aScanOnTheQrPageSignsInUnderThePagesOwnCsp() throws Exception {
        try (SampleServer server = SampleServer.builder().port(0).setting("loginPage", "qr").start();
             Chromium chromium = Chromium.start()) {
            ChromeDriver driver = chromium.driver();
            DingTalkEmulator emulator = server.emulator().orElseThrow();
            driver.get(server.baseUri() + "/me");
            enterQrFrame(driver);
            driver.switchTo().defaultContent();
            assertEquals(server.baseUri() + "/me", driver.getCurrentUrl(), "the QR page is served in place");
            chromium.screenshot("qr-page");
            List<String> onThePage = cspViolations(chromium);

            driver.switchTo().frame(driver.findElement(By.cssSelector("#dt-qr iframe")));
            driver.findElement(By.cssSelector("button[name=user][value=zhangsan]")).click();
            driver.switchTo().defaultContent();
            Await.until("the signed-in page", () -> driver.getPageSource().contains(emulator.users().get(0).unionId()));
            chromium.screenshot("qr-signed-in");

            assertAll(() -> assertEquals(server.baseUri() + "/me", driver.getCurrentUrl()),
                    () -> assertEquals(List.of(), onThePage, "the QR page broke its own CSP"),
                    () -> assertEquals(List.of(), cspViolations(chromium)),
                    () -> assertEquals(1, emulator.stats().approvals()));
        }
    }

    @Test
    void aRedirectUrlOutsideTheCallbackIsNotFollowed() throws Exception {
        try (SampleServer server = SampleServer.builder().port(0).setting("loginPage", "qr").start();
             Chromium chromium = Chromium.start()) {
            ChromeDriver driver = chromium.driver();
            driver.get(server.baseUri() + "/dingtalk/login");
            enterQrFrame(driver);
            // The frame (the emulator's origin, which the stand-in trusts) answers with someone else's address, and
            // then with the callback path as a mere prefix of another one.
            driver.executeScript("parent.postMessage({redirectUrl: 'http://127.0.0.1:9/dingtalk/callback?authCode=x'"
                    + " + '&state=y', authCode: 'x', state: 'y'}, '*');"
                    + "parent.postMessage({redirectUrl: arguments[0] + '/dingtalk/callback.evil/?authCode=x',"
                    + " authCode: 'x', state: 'y'}, '*');", server.baseUri().toString());
            driver.switchTo().defaultContent();
            WebElement refused = Await.until("the refusal", () -> {
                WebElement element = driver.findElement(By.id("dt-qr-refused"));
                return element.isDisplayed() ? element : null;
            });
            Thread.sleep(500); // a navigation, had one started, would have replaced the page by now

            assertAll(() -> assertTrue(refused.isDisplayed()),
                    () -> assertTrue(driver.getCurrentUrl().startsWith(server.baseUri() + "/dingtalk/login"),
                            driver::getCurrentUrl),
                    () -> assertEquals(0, server.emulator().orElseThrow().stats().tokenRequests()));
        }
    }

    @Test
    void aScriptThatCannotLoadDegradesToTheRedirect() throws Exception {
        try (SampleServer server = SampleServer.builder().port(0).setting("loginPage", "qr")
                .setting("qrLoginScriptUrl", "http://127.0.0.1:9/ddlogin.js").start();
             Chromium chromium = Chromium.start()) {
            ChromeDriver driver = chromium.driver();
            DingTalkEmulator emulator = server.emulator().orElseThrow();
            driver.get(server.baseUri() + "/me");
            Await.until("DingTalk's page", () -> driver.getCurrentUrl().startsWith(emulator.authorizeUrl()));
            driver.findElement(By.cssSelector("button[name=user][value=zhangsan]")).click();
            Await.until("/me", () -> driver.getCurrentUrl().equals(server.baseUri() + "/me"));

            assertTrue(driver.getPageSource().contains(emulator.users().get(0).unionId()));
            assertFalse(cspViolations(chromium).stream().anyMatch(m -> m.contains("127.0.0.1:9")),
                    "the script's origin was allowed; it just was not there");
        }
    }

    @Test
    void theStandInCallsOnErrorForAnInvalidRequest() throws Exception {
        try (SampleServer server = SampleServer.builder().port(0).setting("loginPage", "qr").start();
             Chromium chromium = Chromium.start()) {
            ChromeDriver driver = chromium.driver();
            driver.get(server.baseUri() + "/dingtalk/login");
            enterQrFrame(driver);
            driver.switchTo().defaultContent();
            String call = "var done = arguments[arguments.length - 1]; window.DTFrameLogin({id: 'dt-qr'}, arguments[0],"
                    + " function () { done('success'); }, function (message) { done(message); });";
            Object noClient = driver.executeAsyncScript(call, Map.of("redirect_uri", "http://localhost/cb",
                    "scope", "openid", "response_type", "code", "prompt", "consent"));
            Object noOrganization = driver.executeAsyncScript(call, Map.of("redirect_uri",
                    "http://localhost/cb", "client_id", "c", "scope", "openid corpid", "response_type", "code",
                    "prompt", "consent"));

            assertAll(() -> assertEquals("invalidRequestMessage: client_id is missing", noClient),
                    () -> assertEquals("invalidRequestMessage: org_type and corpId are required with scope openid"
                            + " corpid", noOrganization));
        }
    }
}
