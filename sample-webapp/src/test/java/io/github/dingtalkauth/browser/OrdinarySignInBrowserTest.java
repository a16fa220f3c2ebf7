package io.github.dingtalkauth.browser;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.EmulatorUser;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Await;
import io.github.dingtalkauth.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The ordinary sign-in, clicked through in a real headless Chromium: the sample on {@code localhost}, the emulator's
 * consent page on {@code 127.0.0.1}, so that DingTalk's redirect back is a cross-site navigation, as in production.
 * The same clicks with a {@code SameSite=Strict} session cookie end signed out, as SECURITY.md warns.
 */
class OrdinarySignInBrowserTest {
    private static final String SIGN_IN_BUTTON = "a.button.dingtalk";
    private static final String SESSION_COOKIE = "JSESSIONID";

    /** Home page → "Sign in with DingTalk" → approve as zhangsan on the consent page; returns the approved user. */
    private static EmulatorUser signInFromTheHomePage(SampleServer server, Chromium chromium, String screenshot) {
        ChromeDriver driver = chromium.driver();
        DingTalkEmulator emulator = server.emulator().orElseThrow();
        driver.get(server.baseUri() + "/");
        driver.findElement(By.cssSelector(SIGN_IN_BUTTON)).click();
        Await.until("DingTalk's consent page", () -> driver.getCurrentUrl().startsWith(emulator.authorizeUrl()));
        if (screenshot != null) {
            chromium.screenshot(screenshot);
        }
        driver.findElement(By.cssSelector("button[name=user][value=zhangsan]")).click();
        Await.until("the way back to the app", () -> driver.getCurrentUrl().startsWith(server.baseUri() + "/"));
        return emulator.users().get(0);
    }

    @Test
    void aPersonSignsInLandsOnMeAndSignsOut() throws Exception {
        try (SampleServer server = SampleServer.builder().port(0).start(); Chromium chromium = Chromium.start()) {
            ChromeDriver driver = chromium.driver();
            EmulatorUser user = signInFromTheHomePage(server, chromium, "consent");
            Await.until("the signed-in home page", () -> driver.findElements(By.cssSelector(SIGN_IN_BUTTON)).isEmpty());
            driver.findElement(By.cssSelector("a[href='/me']")).click();
            Await.until("/me", () -> driver.getCurrentUrl().equals(server.baseUri() + "/me"));
            assertTrue(driver.getPageSource().contains(user.unionId()), "/me shows who signed in");
            chromium.screenshot("me");
            assertEquals("Lax", driver.manage().getCookieNamed(SESSION_COOKIE).getSameSite());

            driver.get(server.baseUri() + "/dingtalk/logout");
            driver.findElement(By.cssSelector("form[method=post] button[type=submit]")).click();
            Await.until("the home page", () -> driver.getCurrentUrl().equals(server.baseUri() + "/"));
            assertFalse(driver.findElements(By.cssSelector(SIGN_IN_BUTTON)).isEmpty(), "signed out");
            driver.get(server.baseUri() + "/me");
            Await.until("DingTalk again", () -> driver.getCurrentUrl()
                    .startsWith(server.emulator().orElseThrow().authorizeUrl()));
        }
    }

    @Test
    void aStrictSessionCookieIsDroppedOnDingTalksRedirectBackSoSignInFails() throws Exception {
        try (SampleServer server = SampleServer.builder().port(0).sessionCookieSameSite("Strict").start();
             Chromium chromium = Chromium.start()) {
            ChromeDriver driver = chromium.driver();
            signInFromTheHomePage(server, chromium, null);
            Await.until("the home page", () -> driver.getCurrentUrl().equals(server.baseUri() + "/"));
            Cookie session = driver.manage().getCookieNamed(SESSION_COOKIE);

            assertAll(() -> assertEquals("Strict", session.getSameSite(), "the callback did set the session cookie"),
                    () -> assertFalse(driver.findElements(By.cssSelector(SIGN_IN_BUTTON)).isEmpty(),
                            "the page DingTalk's redirect led to was served without it: not signed in"),
                    () -> assertEquals(1, server.emulator().orElseThrow().stats().tokenRequests(),
                            "the callback itself signed the person in"));
        }
    }
}
