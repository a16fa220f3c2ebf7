package io.github.dingtalkauth.servlet61;

import io.github.dingtalkauth.tomcat.PlainWarLegacySignInTest;
import org.junit.jupiter.api.Test;

/** {@link PlainWarLegacySignInTest} (flow=legacy from web.xml alone, GitLab's uid kept) on Tomcat 11. */
class Tomcat11PlainWarLegacySignInTest extends PlainWarLegacySignInTest {
    @Test
    void runsOnTomcat11() {
        Tomcat11.assertOnTheClassPath();
    }
}
