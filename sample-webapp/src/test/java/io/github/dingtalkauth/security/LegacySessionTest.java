package io.github.dingtalkauth.security;

import io.github.dingtalkauth.testing.Flow;
import org.junit.jupiter.api.BeforeAll;

/** {@link SessionTest}'s scenarios with {@code flow=legacy}: the session id is renewed at a legacy sign-in too. */
class LegacySessionTest extends SessionTest {
    /** Hides {@link SessionTest#start()}: the same applications, in the legacy flow. */
    @BeforeAll
    static void start() throws Exception {
        startIn(Flow.LEGACY);
    }
}
