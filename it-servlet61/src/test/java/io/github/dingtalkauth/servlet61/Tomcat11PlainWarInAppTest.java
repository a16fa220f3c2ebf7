package io.github.dingtalkauth.servlet61;

import io.github.dingtalkauth.tomcat.PlainWarInAppTest;
import org.junit.jupiter.api.Test;

/** {@link PlainWarInAppTest} (silent sign-in inside the DingTalk client, headless Chromium) on Tomcat 11. */
class Tomcat11PlainWarInAppTest extends PlainWarInAppTest {
    @Test
    void runsOnTomcat11() {
        Tomcat11.assertOnTheClassPath();
    }
}
