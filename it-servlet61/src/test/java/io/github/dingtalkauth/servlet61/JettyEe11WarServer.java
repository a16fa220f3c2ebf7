package io.github.dingtalkauth.servlet61;

import io.github.dingtalkauth.tomcat.WarServer;
import java.nio.file.Path;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 ee11 running a WAR directory as its deployer would: a {@link WebAppContext} with Jetty's webdefault. */
final class JettyEe11WarServer implements WarServer {
    private final Server jetty = new Server();
    private WebAppContext context;

    /** Adds a connector on localhost, opens it, and returns its port. */
    static int openLocalConnector(Server jetty) throws Exception {
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("localhost");
        jetty.addConnector(connector);
        connector.open();
        return connector.getLocalPort();
    }

    @Override
    public int bind(Path scratch) throws Exception {
        return openLocalConnector(jetty);
    }

    @Override
    public void deploy(String contextPath, Path war) throws Exception {
        context = new WebAppContext(war.toString(), contextPath);
        context.setThrowUnavailableOnStartupException(true);
        jetty.setHandler(context);
        jetty.start();
        if (!context.isAvailable()) {
            throw new IllegalStateException("the plain WAR did not start on Jetty; see the log above");
        }
    }

    @Override
    public boolean jakartaApisFromTheWar() {
        return false;
    }

    @Override
    public ClassLoader webappClassLoader() {
        return context.getClassLoader();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
