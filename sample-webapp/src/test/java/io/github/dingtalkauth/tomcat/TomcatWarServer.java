package io.github.dingtalkauth.tomcat;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/** A stock embedded Tomcat: whichever tomcat-embed-core is on the class path (10.1 here, 11 in it-servlet61). */
public final class TomcatWarServer implements WarServer {
    /** Tomcat logs a page per start at INFO; keep warnings. Held here so the setting is not garbage-collected. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    private final Tomcat tomcat = new Tomcat();
    private Context context;

    @Override
    public int bind(Path scratch) throws Exception {
        TOMCAT_LOG.setLevel(Level.WARNING);
        tomcat.setBaseDir(scratch.resolve("catalina").toString());
        Connector connector = new Connector(); // HTTP/1.1, NIO
        connector.setPort(0);
        connector.setProperty("address", "localhost");
        tomcat.setConnector(connector);
        tomcat.getHost();
        tomcat.init(); // binds the port (bindOnInit)
        return connector.getLocalPort();
    }

    @Override
    public void deploy(String contextPath, Path war) throws Exception {
        // addWebapp is what a stock Tomcat does for a directory in webapps/: ContextConfig parses WEB-INF/web.xml,
        // and Tomcat's built-in defaults (its conf/web.xml) add the DefaultServlet for static files, the MIME
        // types and welcome files. Those defaults also declare Jasper's JSP servlet, which tomcat-embed-core
        // does not contain: it would fail to load at start-up (a SEVERE log line), so it is removed once added.
        context = tomcat.addWebapp(contextPath, war.toString());
        context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                Container jsp = context.findChild("jsp");
                if (jsp != null) {
                    context.removeChild(jsp);
                }
                context.removeServletMapping("*.jsp");
                context.removeServletMapping("*.jspx");
            }
        });
        TomcatLeakChecks.off(context);
        // The test class path holds Jetty and more; a stock Tomcat would not see those, so do not scan them.
        StandardJarScanner scanner = (StandardJarScanner) context.getJarScanner();
        scanner.setScanClassPath(false);
        scanner.setScanManifest(false);
        tomcat.start();
        if (context.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException("the plain WAR did not start (state " + context.getState()
                    + "); see the log above");
        }
    }

    @Override
    public boolean jakartaApisFromTheWar() {
        return true;
    }

    @Override
    public ClassLoader webappClassLoader() {
        return context.getLoader().getClassLoader();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
