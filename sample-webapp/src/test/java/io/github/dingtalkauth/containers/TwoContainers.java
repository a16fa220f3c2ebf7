package io.github.dingtalkauth.containers;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkSettings;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The filter on Jetty 12 and on Tomcat 10.1, both left at their defaults (no session-config: sessions tracked by cookie
 * and by URL), registered in code as the README shows (async-supported, for REQUEST, ASYNC and ERROR) in front of one
 * async-supported servlet mapped to {@code /}, whose 404s go to {@link #ERROR_PAGE}; the emulator plays DingTalk.
 */
final class TwoContainers implements AutoCloseable {
    static final String ERROR_PAGE = "/error-page";
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");
    private static final EnumSet<DispatcherType> DISPATCHES =
            EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);

    enum Container { JETTY, TOMCAT }

    final DingTalkEmulator emulator;
    private Server jetty;
    private Tomcat tomcat;
    private URI jettyBase;
    private URI tomcatBase;

    private TwoContainers(DingTalkEmulator emulator) {
        this.emulator = emulator;
    }

    static TwoContainers start(HttpServlet servlet) throws Exception {
        TOMCAT_LOG.setLevel(Level.WARNING);
        TwoContainers both = new TwoContainers(DingTalkEmulator.builder().port(0).start());
        try {
            both.startJetty(servlet);
            both.startTomcat(servlet);
            return both;
        } catch (Exception | Error e) {
            both.close();
            throw e;
        }
    }

    URI base(Container container) {
        return container == Container.JETTY ? jettyBase : tomcatBase;
    }

    @Override
    public void close() throws Exception {
        try {
            if (jetty != null) {
                jetty.stop();
            }
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
        } finally {
            emulator.close();
        }
    }

    private DingTalkSettings settings(URI base) {
        emulator.registerRedirectUri(base + "/dingtalk/callback");
        return DingTalkSettings.builder().appId(emulator.clientId()).appSecret(emulator.clientSecret())
                .redirectUri(base + "/dingtalk/callback").authorizeUrl(emulator.authorizeUrl())
                .apiBaseUrl(emulator.apiBaseUrl()).excludePaths("/public/*").build();
    }

    private void startJetty(HttpServlet servlet) throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("localhost");
        jetty.addConnector(connector);
        connector.open();
        jettyBase = URI.create("http://localhost:" + connector.getLocalPort());
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        FilterHolder filter = new FilterHolder(new DingTalkAuthFilter(settings(jettyBase)));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", DISPATCHES);
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/");
        ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
        errorPages.addErrorPage(404, ERROR_PAGE);
        context.setErrorHandler(errorPages);
        jetty.setHandler(context);
        jetty.start();
    }

    private void startTomcat(HttpServlet servlet) throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("programmatic-").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "localhost");
        tomcat.setConnector(connector);
        tomcat.getHost();
        tomcat.init();
        tomcatBase = URI.create("http://localhost:" + connector.getLocalPort());
        Context context = tomcat.addContext("", null);
        FilterDef def = new FilterDef();
        def.setFilterName("dingtalk");
        def.setFilter(new DingTalkAuthFilter(settings(tomcatBase)));
        def.setAsyncSupported("true");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("dingtalk");
        map.addURLPattern("/*");
        DISPATCHES.forEach(type -> map.setDispatcher(type.name()));
        context.addFilterMap(map);
        Tomcat.addServlet(context, "app", servlet).setAsyncSupported(true);
        context.addServletMappingDecoded("/", "app");
        ErrorPage notFound = new ErrorPage();
        notFound.setErrorCode(404);
        notFound.setLocation(ERROR_PAGE);
        context.addErrorPage(notFound);
        tomcat.start();
    }
}
