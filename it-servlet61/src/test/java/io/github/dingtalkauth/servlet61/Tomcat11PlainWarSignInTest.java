package io.github.dingtalkauth.servlet61;

import io.github.dingtalkauth.tomcat.PlainWarSignInTest;
import org.junit.jupiter.api.Test;

/** {@link PlainWarSignInTest} on Tomcat 11. */
class Tomcat11PlainWarSignInTest extends PlainWarSignInTest {
    @Test
    void runsOnTomcat11() {
        Tomcat11.assertOnTheClassPath();
    }
}
