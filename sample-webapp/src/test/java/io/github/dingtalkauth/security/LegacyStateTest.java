package io.github.dingtalkauth.security;

import io.github.dingtalkauth.testing.Flow;
import org.junit.jupiter.api.BeforeAll;

/** {@link StateTest}'s scenarios with {@code flow=legacy}: the state protects GitLab's flow just the same. */
class LegacyStateTest extends StateTest {
    /** Hides {@link StateTest#start()}: the same application, in the legacy flow. */
    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start(Flow.LEGACY);
    }
}
