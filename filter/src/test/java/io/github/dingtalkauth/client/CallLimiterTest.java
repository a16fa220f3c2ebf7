package io.github.dingtalkauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CallLimiterTest {

    @Test
    void theCallerPastTheBoundIsRefusedAtOnce() {
        CallLimiter limiter = new CallLimiter(2);
        CallLimiter.Permit first = limiter.tryAcquire();
        CallLimiter.Permit second = limiter.tryAcquire();

        assertNotNull(first);
        assertNotNull(second);
        assertNull(limiter.tryAcquire());
    }

    @Test
    void closingAPermitLetsTheNextCallerIn() {
        CallLimiter limiter = new CallLimiter(1);
        try (CallLimiter.Permit permit = limiter.tryAcquire()) {
            assertNotNull(permit);
            assertNull(limiter.tryAcquire());
        }
        assertNotNull(limiter.tryAcquire());
    }

    @Test
    void closingAPermitTwiceReleasesItOnce() {
        CallLimiter limiter = new CallLimiter(1);
        CallLimiter.Permit permit = limiter.tryAcquire();

        permit.close();
        permit.close();

        assertEquals(1, limiter.available());
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CallLimiter(0));
    }
}
