package io.github.dingtalkauth.servlet61;

import io.github.dingtalkauth.tomcat.PlainWarOrganizationTest;
import org.junit.jupiter.api.Test;

/** {@link PlainWarOrganizationTest} (members only, roles from the organization) on Tomcat 11. */
class Tomcat11PlainWarOrganizationTest extends PlainWarOrganizationTest {
    @Test
    void runsOnTomcat11() {
        Tomcat11.assertOnTheClassPath();
    }
}
