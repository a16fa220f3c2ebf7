package io.github.dingtalkauth.tomcat;

import java.nio.file.Path;

/** A container that runs a WAR directory the way its stock distribution runs one dropped into its webapps folder. */
public interface WarServer extends AutoCloseable {
    /**
     * Opens the port on localhost, so that the redirect URI in web.xml can name it before anything starts; the server
     * may keep its own files under {@code scratch}. Returns the port.
     */
    int bind(Path scratch) throws Exception;

    /** Deploys the WAR directory at {@code contextPath} and starts it; fails if the application did not start. */
    void deploy(String contextPath, Path war) throws Exception;

    /**
     * Whether the application's own copy of a {@code jakarta.*} API (here jakarta.json-api in {@code WEB-INF/lib})
     * wins over the server's: Tomcat looks in the WAR first; Jetty loads {@code jakarta.*} from the server's class
     * path when that has them, as the embedding test's does.
     */
    boolean jakartaApisFromTheWar();

    /** The class loader the container made for the application. */
    ClassLoader webappClassLoader();
}
