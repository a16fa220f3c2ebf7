package io.github.dingtalkauth.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dingtalkauth.SignInError;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The internal reasons and the public SignInError are one list: each reason is one error, under the same name. */
class ReasonTest {

    @ParameterizedTest
    @EnumSource(Reason.class)
    void eachReasonIsTheErrorOfItsName(Reason reason) {
        assertEquals(reason.name(), reason.error().name());
        assertEquals(reason.error().code(), reason.code());
        assertEquals(reason.error().status(), reason.status());
    }

    @Test
    void everyErrorHasItsReason() {
        EnumSet<SignInError> covered = EnumSet.noneOf(SignInError.class);
        Arrays.stream(Reason.values()).forEach(r -> covered.add(r.error()));
        assertEquals(EnumSet.allOf(SignInError.class), covered);
        assertEquals(SignInError.values().length, Reason.values().length);
    }

    @ParameterizedTest
    @EnumSource(SignInError.class)
    void aCodeReadsBackAsItsError(SignInError error) {
        assertEquals(Optional.of(error), SignInError.fromCode(error.code()));
    }

    @Test
    void anUnknownCodeReadsAsNoError() {
        assertEquals(Optional.empty(), SignInError.fromCode("STATE_UNKNOWN"));
        assertEquals(Optional.empty(), SignInError.fromCode(null));
    }
}
