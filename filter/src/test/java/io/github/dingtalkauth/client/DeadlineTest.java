package io.github.dingtalkauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void aFutureDeadlineHasNotPassedAndHasTimeLeft() {
        Deadline d = Deadline.in(Duration.ofMinutes(1));
        assertFalse(d.passed());
        assertTrue(d.remaining().compareTo(Duration.ofSeconds(50)) > 0);
        assertTrue(d.remaining().compareTo(Duration.ofMinutes(1)) <= 0);
    }

    @Test
    void aPastDeadlineHasPassedAndNothingLeft() {
        Deadline d = Deadline.in(Duration.ofMillis(-1));
        assertTrue(d.passed());
        assertEquals(Duration.ZERO, d.remaining());
    }
}
