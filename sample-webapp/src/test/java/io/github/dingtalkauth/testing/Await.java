package io.github.dingtalkauth.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.openqa.selenium.WebDriverException;

/** Polls a browser until something holds: selenium-support's waits without the dependency. */
public final class Await {
    /** Generous: two cores shared with other builds, and a headless browser starting pages cold. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Await() {
    }

    /** The first non-null, non-false value {@code probe} gives; a WebDriverException counts as "not yet". */
    public static <T> T until(String what, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (WebDriverException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what, last);
    }
}
