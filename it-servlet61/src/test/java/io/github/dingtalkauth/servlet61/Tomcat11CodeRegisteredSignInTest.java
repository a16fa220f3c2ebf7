package io.github.dingtalkauth.servlet61;

import io.github.dingtalkauth.tomcat.CodeRegisteredSignInTest;
import org.junit.jupiter.api.Test;

/** {@link CodeRegisteredSignInTest} on Tomcat 11. */
class Tomcat11CodeRegisteredSignInTest extends CodeRegisteredSignInTest {
    @Test
    void runsOnTomcat11() {
        Tomcat11.assertOnTheClassPath();
    }
}
