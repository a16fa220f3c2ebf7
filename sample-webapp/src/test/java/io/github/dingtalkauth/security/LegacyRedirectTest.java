package io.github.dingtalkauth.security;

import io.github.dingtalkauth.testing.Flow;
import org.junit.jupiter.api.BeforeAll;

/** {@link RedirectTest}'s scenarios with {@code flow=legacy}: return targets stay on this origin in GitLab's flow too. */
class LegacyRedirectTest extends RedirectTest {
    /** Hides {@link RedirectTest#start()}: the same application, in the legacy flow. */
    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start(Flow.LEGACY);
    }
}
