package io.github.dingtalkauth.security.faults;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkSettings;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The flood on Jetty 12: a pool of {@link #REQUEST_THREADS} plus the acceptor's and the selector's threads. */
class JettySlowDingTalkFloodTest extends SlowDingTalkFloodTest {
    private Server jetty;

    @Override
    URI startContainer(Function<URI, DingTalkSettings> settings) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(REQUEST_THREADS + 2, 2);
        threads.setReservedThreads(0);
        jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost("localhost");
        jetty.addConnector(connector);
        connector.open();
        URI base = URI.create("http://localhost:" + connector.getLocalPort());
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.addFilter(new FilterHolder(new DingTalkAuthFilter(settings.apply(base))), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new TextServlet()), "/");
        jetty.setHandler(context);
        jetty.start();
        return base;
    }

    @Override
    void stopContainer() throws Exception {
        jetty.stop();
    }
}
