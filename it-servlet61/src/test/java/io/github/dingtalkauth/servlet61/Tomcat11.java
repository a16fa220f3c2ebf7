package io.github.dingtalkauth.servlet61;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.catalina.util.ServerInfo;

/** This module's reason to exist: Tomcat 11 has Tomcat 10.1's coordinates, so only a class path of its own holds it. */
final class Tomcat11 {
    private Tomcat11() {
    }

    static void assertOnTheClassPath() {
        assertTrue(ServerInfo.getServerNumber().startsWith("11."), ServerInfo.getServerInfo());
    }
}
