package io.github.dingtalkauth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium driven by Selenium: Debian's {@code chromium} and {@code chromium-driver}, named
 * explicitly so that Selenium Manager never looks for (or downloads) a browser or a driver. Flags as on this
 * machine's closed network: no background networking, no component updates, a fresh profile per browser.
 */
public final class Chromium implements AutoCloseable {
    /** What DingTalk's PC client announces; the filter recognises the {@code DingTalk} token. */
    public static final String DINGTALK_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 DingTalk(7.6.0-Release) nw Channel/201200 "
            + "language/zh-CN";

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A browser with Chromium's own user agent. */
    public static Chromium start() {
        return start(null);
    }

    /** A browser announcing {@code userAgent} (null: Chromium's own), in English unless the test says otherwise. */
    public static Chromium start(String userAgent) {
        Path browser = OsTool.require("chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Path chromedriver = OsTool.require("chromium-driver", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,900", "--lang=en-US",
                "--user-data-dir=" + profile));
        if (userAgent != null) {
            options.addArguments("--user-agent=" + userAgent);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL); // console messages, CSP violations among them
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The console messages (CSP violations included) logged since the last call. */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** Saves what the browser shows now as {@code target/screenshots/<name>.png}, for a person to look at. */
    public Path screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp profile left behind is harmless
        }
    }
}
