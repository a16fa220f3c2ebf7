package io.github.dingtalkauth.config;

import static io.github.dingtalkauth.config.DingTalkConfigTest.failure;
import static io.github.dingtalkauth.config.DingTalkConfigTest.load;
import static io.github.dingtalkauth.config.DingTalkConfigTest.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code maxSessionAge} and {@code memberRecheck} as settings; their effect is in SessionLifetimeTest and co. */
class SessionSettingsTest {

    @Test
    void maxSessionAgeDefaultsToTwelveHours() {
        assertEquals(Duration.ofHours(12), load(minimal()).get(Settings.MAX_SESSION_AGE));
    }

    @Test
    void maxSessionAgeTakesADuration() {
        assertEquals(Duration.ofMinutes(90), load(minimal("maxSessionAge", "90m")).get(Settings.MAX_SESSION_AGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "12", "forever", "-1h"})
    void maxSessionAgeMustBeAPositiveDuration(String value) {
        String message = failure(minimal("maxSessionAge", value));
        assertTrue(message.contains("setting 'maxSessionAge' in init-param of filter 'dingtalk'"), message);
    }

    @Test
    void memberRecheckIsOffByDefault() {
        assertNull(load(minimal()).get(Settings.MEMBER_RECHECK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "OFF"})
    void memberRecheckCanBeTurnedOffExplicitly(String value) {
        assertNull(load(minimal("memberRecheck", value)).get(Settings.MEMBER_RECHECK));
    }

    @Test
    void memberRecheckTakesADuration() {
        assertEquals(Duration.ofHours(1), load(minimal("memberRecheck", "1h")).get(Settings.MEMBER_RECHECK));
    }

    @Test
    void memberRecheckRefusesAnythingElse() {
        String message = failure(minimal("memberRecheck", "hourly"));
        assertTrue(message.contains("setting 'memberRecheck' in init-param of filter 'dingtalk': expected a duration"),
                message);
    }
}
