package io.github.dingtalkauth.config;

import static io.github.dingtalkauth.config.DingTalkConfigTest.failure;
import static io.github.dingtalkauth.config.DingTalkConfigTest.load;
import static io.github.dingtalkauth.config.DingTalkConfigTest.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.DingTalkSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code maxConcurrentCalls}, {@code loginRateLimit} and {@code cacheControl} as settings; their effect is elsewhere. */
class HardeningSettingsTest {

    @Test
    void maxConcurrentCallsDefaultsTo32() {
        assertEquals(32, load(minimal()).get(Settings.MAX_CONCURRENT_CALLS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "many", "10001"})
    void maxConcurrentCallsMustBeAWholeNumberFromOne(String value) {
        String message = failure(minimal("maxConcurrentCalls", value));
        assertTrue(message.contains("setting 'maxConcurrentCalls' in init-param of filter 'dingtalk': expected a"
                + " whole number from 1 to 10000"), message);
    }

    @Test
    void loginRateLimitIsOffByDefault() {
        assertNull(load(minimal()).get(Settings.LOGIN_RATE_LIMIT));
    }

    @Test
    void loginRateLimitTakesACountPerDuration() {
        assertEquals(new RateLimit(20, Duration.ofMinutes(1)),
                load(minimal("loginRateLimit", "20/1m")).get(Settings.LOGIN_RATE_LIMIT));
        assertEquals(new RateLimit(5, Duration.ofSeconds(10)),
                load(minimal("loginRateLimit", " 5 / 10s ")).get(Settings.LOGIN_RATE_LIMIT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20", "20/", "/1m", "0/1m", "20/0s", "20/500ms", "20/25h", "x/1m", "20/1m/1m", "on"})
    void loginRateLimitRefusesAnythingElse(String value) {
        String message = failure(minimal("loginRateLimit", value));
        assertTrue(message.contains("setting 'loginRateLimit' in init-param of filter 'dingtalk': expected off, or a"
                + " count per duration such as 20/1m"), message);
    }

    @Test
    void cacheControlIsOnByDefaultAndTakesOnlyTrueOrFalse() {
        assertTrue(load(minimal()).get(Settings.CACHE_CONTROL));
        assertFalse(load(minimal("cacheControl", "false")).get(Settings.CACHE_CONTROL));
        assertTrue(failure(minimal("cacheControl", "no")).contains("setting 'cacheControl'"));
    }

    @Test
    void theBuilderWritesTheSameSettings() {
        DingTalkSettings settings = DingTalkSettings.builder().appId("a").appSecret("s").maxConcurrentCalls(4)
                .loginRateLimit(20, Duration.ofMinutes(1)).cacheControl(false).build();
        String text = settings.toString();
        assertTrue(text.contains("maxConcurrentCalls=4") && text.contains("loginRateLimit=20/60s")
                && text.contains("cacheControl=false"), text);
    }
}
