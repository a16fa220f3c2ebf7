package io.github.dingtalkauth.inapp;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.testing.Chromium;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;

/**
 * A headless Chromium announcing itself as DingTalk's PC client, for the in-app sign-in: it opens a page, waits for
 * where the scripts take it, and clicks through the emulator's consent page when a sign-in falls back to it.
 */
public final class ClientBrowser implements AutoCloseable {
    /** Longer than any in-app timeout the tests set, plus a slow machine's page loads. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Chromium chromium;
    private final DingTalkEmulator emulator;

    private ClientBrowser(Chromium chromium, DingTalkEmulator emulator) {
        this.chromium = chromium;
        this.emulator = emulator;
    }

    public static ClientBrowser start(DingTalkEmulator emulator) {
        return new ClientBrowser(Chromium.start(Chromium.DINGTALK_USER_AGENT), emulator);
    }

    public void open(URI url) {
        chromium.driver().get(url.toString());
    }

    public String url() {
        return chromium.driver().getCurrentUrl();
    }

    public String text() {
        return chromium.driver().findElement(By.tagName("body")).getText();
    }

    /** Waits until the browser is on {@code page} (path, or path and query) of the application at {@code base}. */
    public void waitUntilOn(URI base, String page) {
        waitUntil(url -> url.equals(base + page), "on " + base + page);
    }

    /** Waits until the browser shows DingTalk's (the emulator's) consent page. */
    public void waitUntilOnConsentPage() {
        waitUntil(url -> url.startsWith(emulator.authorizeUrl()), "on the consent page");
    }

    /** On the consent page, approves as {@code userKey}; DingTalk then sends the browser back with a code. */
    public void approveAs(String userKey) {
        waitUntilOnConsentPage();
        chromium.driver().findElement(By.cssSelector("button[name=user][value='" + userKey + "']")).click();
    }

    /** Waits until the page's text contains {@code text}. */
    public void waitForText(String text) {
        poll(() -> text().contains(text), () -> "page with '" + text + "', but at " + url() + ":\n" + text());
    }

    /** The console lines the browser wrote about a Content-Security-Policy since the last call. */
    public List<String> cspReports() {
        return chromium.consoleMessages().stream().filter(line -> line.contains("Content Security Policy")).toList();
    }

    /** Runs {@code script} in the page, as the page's own code would run it; returns what it returns. */
    public Object runScript(String script) {
        return chromium.driver().executeScript(script);
    }

    public Path screenshot(String name) {
        return chromium.screenshot(name);
    }

    private void waitUntil(Predicate<String> url, String what) {
        poll(() -> url.test(url()), () -> what + ", but at " + url() + ":\n" + text());
    }

    /** Selenium's own waits live in selenium-support, which the build does not have; this is all they would do. */
    private static void poll(BooleanSupplier done, Supplier<String> failure) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!safely(done)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting: " + failure.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** A page replaced mid-read (a navigation) reads as "not yet". */
    private static boolean safely(BooleanSupplier done) {
        try {
            return done.getAsBoolean();
        } catch (WebDriverException navigating) {
            return false;
        }
    }

    @Override
    public void close() {
        chromium.close();
    }
}
