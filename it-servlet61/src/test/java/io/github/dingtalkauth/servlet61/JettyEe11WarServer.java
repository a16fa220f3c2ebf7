package io.github.dingtalkauth.servlet61;

import io.github.dingtalkauth.containers.JettyContainer;
import io.github.dingtalkauth.tomcat.WarServer;
import java.nio.file.Path;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;

/** Jetty 12 ee11 running a WAR directory as its deployer would: a {@link WebAppContext} with Jetty's webdefault. */
final class JettyEe11WarServer implements WarServer {
    private final Server jetty = new Server();
    private WebAppContext context;

    @Override
    public int bind(Path scratch) throws Exception {
        return JettyContainer.openLocalConnector(jetty);
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
