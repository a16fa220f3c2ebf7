package io.github.dingtalkauth.containers;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 ee10 (Servlet 6.0). */
public final class JettyContainer implements CodeRegisteredContainer {
    private final Server jetty = new Server();

    /** Adds a connector on localhost to any Jetty 12 server (ee10 or ee11), opens it, and returns its port. */
    public static int openLocalConnector(Server jetty) throws Exception {
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("localhost");
        jetty.addConnector(connector);
        connector.open();
        return connector.getLocalPort();
    }

    @Override
    public URI bind() throws Exception {
        return URI.create("http://localhost:" + openLocalConnector(jetty));
    }

    @Override
    public void start(Filter filter, HttpServlet servlet) throws Exception {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", DISPATCHES);
        ServletHolder app = new ServletHolder(servlet);
        app.setAsyncSupported(true);
        context.addServlet(app, "/");
        ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
        errorPages.addErrorPage(404, ERROR_PAGE);
        context.setErrorHandler(errorPages);
        jetty.setHandler(context);
        jetty.start();
    }

    @Override
    public boolean acceptsRawBracketsAndPipesInQueries() {
        return true;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
