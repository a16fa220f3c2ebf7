package io.github.dingtalkauth.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.MethodSource;

class StateTokensTest {
    static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    @Test
    void aThousandStatesAreDistinctBase64urlOf256Bits() {
        StateTokens tokens = new StateTokens();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String state = tokens.next();
            assertTrue(SHAPE.matcher(state).matches(), state);
            assertTrue(StateTokens.isWellFormed(state), state);
            seen.add(state);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void statesDoNotShareAPrefix() {
        StateTokens tokens = new StateTokens();
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            prefixes.add(tokens.next().substring(0, 4));
        }
        assertTrue(prefixes.size() > 150, "prefixes repeat: " + prefixes.size());
    }

    static Stream<String> malformed() {
        String a42 = "A".repeat(42);
        return Stream.of(a42, a42 + "AA", a42 + "=", a42 + "+", a42 + "/", a42 + " ", a42 + "é", a42 + "%",
                "STATE", "A".repeat(10_000));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @MethodSource("malformed")
    void malformedStatesAreRecognised(String state) {
        assertFalse(StateTokens.isWellFormed(state));
    }

    @Test
    void everyBase64urlCharacterIsWellFormed() {
        assertTrue(StateTokens.isWellFormed("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm-_01"));
    }
}
