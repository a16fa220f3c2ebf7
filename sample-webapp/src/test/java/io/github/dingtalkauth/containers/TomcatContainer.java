package io.github.dingtalkauth.containers;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Embedded Tomcat: whichever tomcat-embed-core is on the class path (10.1 in the sample module, 11 in it-servlet61). */
public final class TomcatContainer implements CodeRegisteredContainer {
    /** Tomcat logs a page per start at INFO; keep warnings. Held here so the setting is not garbage-collected. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    private final Tomcat tomcat = new Tomcat();

    @Override
    public URI bind() throws Exception {
        TOMCAT_LOG.setLevel(Level.WARNING);
        tomcat.setBaseDir(Files.createTempDirectory("programmatic-").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "localhost");
        tomcat.setConnector(connector);
        tomcat.getHost();
        tomcat.init(); // binds the port (bindOnInit)
        return URI.create("http://localhost:" + connector.getLocalPort());
    }

    @Override
    public void start(Filter filter, HttpServlet servlet) throws Exception {
        Context context = tomcat.addContext("", null);
        FilterDef def = new FilterDef();
        def.setFilterName(FILTER_NAME);
        def.setFilter(filter);
        def.setAsyncSupported("true");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(FILTER_NAME);
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

    @Override
    public boolean acceptsRawBracketsAndPipesInQueries() {
        return false;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
