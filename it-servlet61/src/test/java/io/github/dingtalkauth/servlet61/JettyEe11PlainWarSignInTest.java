package io.github.dingtalkauth.servlet61;

import io.github.dingtalkauth.tomcat.PlainWarSignInTest;
import io.github.dingtalkauth.tomcat.WarServer;

/** Every scenario of the plain WAR (web.xml, filter in {@code WEB-INF/lib}) on Jetty 12 ee11. */
class JettyEe11PlainWarSignInTest extends PlainWarSignInTest {
    @Override
    protected WarServer warServer() {
        return new JettyEe11WarServer();
    }
}
