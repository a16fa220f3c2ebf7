package io.github.dingtalkauth.servlet61;

import io.github.dingtalkauth.containers.CodeRegisteredContainer;
import io.github.dingtalkauth.containers.JettyContainer;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * Jetty 12 ee11 (Servlet 6.1): the registration of the sample module's ee10 {@link JettyContainer}, with the ee11
 * classes of the same names.
 */
final class JettyEe11Container implements CodeRegisteredContainer {
    private final Server jetty = new Server();

    @Override
    public URI bind() throws Exception {
        return URI.create("http://localhost:" + JettyContainer.openLocalConnector(jetty));
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
