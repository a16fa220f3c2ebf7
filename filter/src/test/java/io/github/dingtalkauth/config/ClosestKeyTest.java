package io.github.dingtalkauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** "Did you mean …?": the known key nearest a mistyped one, when one is near enough to be a typo. */
class ClosestKeyTest {
    static final List<String> KNOWN = Settings.ALL.stream().map(Setting::name).toList();

    @ParameterizedTest
    @CsvSource({
        "appSecert,      appSecret",
        "APPID,          appId",
        "appid,          appId",
        "lable,          label",
        "requestTimout,  requestTimeout",
        "stateTTL,       stateTtl",
        "redirectUrl,    redirectUri",
        "exludePath,     excludePaths",
        "maxPendingLogin, maxPendingLogins",
    })
    void aTypoFindsTheKeyItWasMeantToBe(String typed, String meant) {
        assertEquals(Optional.of(meant), ClosestKey.to(typed, KNOWN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"colour", "secret", "clientId", "dingtalk.appId", "x"})
    void aWordFarFromEveryKeySuggestsNothing(String typed) {
        assertEquals(Optional.empty(), ClosestKey.to(typed, KNOWN));
    }

    @ParameterizedTest
    @CsvSource({
        "abc, abc, 0",
        "abc, acb, 1",
        "abc, ab,  1",
        "abc, abcd, 1",
        "abc, xbc, 1",
        "abcd, badc, 2",
        "kitten, sitting, 3",
    })
    void distanceCountsInsertionsDeletionsChangesAndSwaps(String a, String b, int expected) {
        assertEquals(expected, ClosestKey.distance(a, b));
        assertEquals(expected, ClosestKey.distance(b, a));
    }
}
