package io.github.dingtalkauth.security.faults;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkSettings;
import java.net.URI;
import java.nio.file.Files;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** The flood on a stock Tomcat 10.1 whose connector has {@link #REQUEST_THREADS} request threads. */
class TomcatSlowDingTalkFloodTest extends SlowDingTalkFloodTest {
    /** Held so that the level is not lost to garbage collection of the logger. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    private Tomcat tomcat;

    @Override
    URI startContainer(Function<URI, DingTalkSettings> settings) throws Exception {
        TOMCAT_LOG.setLevel(Level.WARNING);
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("flood-").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "localhost");
        connector.setProperty("maxThreads", Integer.toString(REQUEST_THREADS));
        connector.setProperty("minSpareThreads", Integer.toString(REQUEST_THREADS));
        tomcat.setConnector(connector);
        tomcat.getHost();
        tomcat.init();
        URI base = URI.create("http://localhost:" + connector.getLocalPort());
        Context context = tomcat.addContext("", null);
        FilterDef filter = new FilterDef();
        filter.setFilterName("dingtalk");
        filter.setFilter(new DingTalkAuthFilter(settings.apply(base)));
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("dingtalk");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
        Tomcat.addServlet(context, "text", new TextServlet());
        context.addServletMappingDecoded("/", "text");
        tomcat.start();
        return base;
    }

    @Override
    void stopContainer() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
