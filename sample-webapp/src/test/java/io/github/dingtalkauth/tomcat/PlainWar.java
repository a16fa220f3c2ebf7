package io.github.dingtalkauth.tomcat;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A plain WAR, as a user without Maven would assemble it, deployed on a stock embedded Tomcat (or another
 * {@link WarServer}): the filter jar and its two runtime dependencies in {@code WEB-INF/lib}, the filter configured by
 * {@code web.xml} init-params only, a servlet in {@code WEB-INF/classes}, static pages. The container parses the
 * web.xml and loads the filter through its own webapp class loader, which looks in {@code WEB-INF/} before the test
 * class path.
 */
final class PlainWar implements AutoCloseable {
    static final String CONTEXT_PATH = "/plain";
    static final String FILTER_JAR = "dingtalk-auth-filter.jar";
    static final String PRIVATE_PAGE = "/private/page.html";
    static final String PRIVATE_MARKER = "private-page-e2e-marker";
    static final String PUBLIC_PAGE = "/public/hello.html";
    /** {@link WhoAmIServlet} on an excluded path: who the session is, without starting a login. */
    static final String PUBLIC_WHOAMI = "/public/whoami";
    static final String SETTINGS_FILE = "dingtalk.properties";

    private final WarServer server;
    private final URI base;
    private final Path root;

    private PlainWar(WarServer server, URI base, Path root) {
        this.server = server;
        this.base = base;
        this.root = root;
    }

    /** Builds the WAR directory in a temp folder and deploys it at {@value #CONTEXT_PATH}, against {@code emulator}. */
    static PlainWar deploy(DingTalkEmulator emulator) throws Exception {
        return deploy(emulator, Map.of());
    }

    /**
     * The same, plus {@code fileSettings} in {@code WEB-INF/}{@value #SETTINGS_FILE}, which an init-param
     * {@code configFile} names: the filter configured the two ways a stock deployment has.
     */
    static PlainWar deploy(DingTalkEmulator emulator, Map<String, String> fileSettings) throws Exception {
        return deploy(emulator, fileSettings, Map.of(), new TomcatWarServer());
    }

    /**
     * The same, with {@code initParams} laid over the default init-params of {@code web.xml}; an empty value leaves
     * that init-param out, so that its default applies.
     */
    static PlainWar deploy(DingTalkEmulator emulator, Map<String, String> fileSettings,
                           Map<String, String> initParams) throws Exception {
        return deploy(emulator, fileSettings, initParams, new TomcatWarServer());
    }

    /** The same on {@code server}, which this takes over (closing the WAR closes it). */
    static PlainWar deploy(DingTalkEmulator emulator, Map<String, String> fileSettings, WarServer server)
            throws Exception {
        return deploy(emulator, fileSettings, Map.of(), server);
    }

    static PlainWar deploy(DingTalkEmulator emulator, Map<String, String> fileSettings,
                           Map<String, String> initParams, WarServer server) throws Exception {
        Path root = Files.createTempDirectory("e2e-plain-war-");
        try {
            URI base = URI.create("http://localhost:" + server.bind(root) + CONTEXT_PATH);
            String redirectUri = base + "/dingtalk/callback";
            emulator.registerRedirectUri(redirectUri);
            server.deploy(CONTEXT_PATH, writeWar(root.resolve("plain"), emulator, redirectUri, fileSettings,
                    initParams));
            return new PlainWar(server, base, root);
        } catch (Exception | Error e) {
            try {
                server.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            deleteTree(root);
            throw e;
        }
    }

    /** What {@link WhoAmIServlet} printed, {@code key=value} per line. */
    static Map<String, String> lines(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : body.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /** {@code http://localhost:PORT/plain}, without a trailing slash. */
    URI base() {
        return base;
    }

    /** The class loader Tomcat made for this web application. */
    ClassLoader webappClassLoader() {
        return server.webappClassLoader();
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            deleteTree(root);
        }
    }

    private static Path writeWar(Path war, DingTalkEmulator emulator, String redirectUri,
                                 Map<String, String> fileSettings, Map<String, String> initParams)
            throws IOException {
        Path webInf = war.resolve("WEB-INF");
        Path lib = webInf.resolve("lib");
        Files.createDirectories(lib);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("appId", emulator.clientId());
        params.put("appSecret", emulator.clientSecret());
        params.put("redirectUri", redirectUri);
        params.put("authorizeUrl", emulator.authorizeUrl());
        params.put("apiBaseUrl", emulator.apiBaseUrl());
        params.put("excludePaths", "/, /public/*");
        initParams.forEach((name, value) -> {
            if (value.isEmpty()) {
                params.remove(name);
            } else {
                params.put(name, value);
            }
        });
        if (!fileSettings.isEmpty()) {
            params.put("configFile", "/WEB-INF/" + SETTINGS_FILE);
            StringBuilder file = new StringBuilder("# written by PlainWar\n");
            fileSettings.forEach((key, value) -> file.append(key).append('=').append(value).append('\n'));
            Files.writeString(webInf.resolve(SETTINGS_FILE), file, StandardCharsets.UTF_8);
        }
        Files.writeString(webInf.resolve("web.xml"), webXml(params), StandardCharsets.UTF_8);

        copyFilterJar(lib.resolve(FILTER_JAR));
        Files.copy(jarOf(jakarta.json.Json.class), lib.resolve("jakarta.json-api.jar"));
        Files.copy(jarOf(org.eclipse.parsson.JsonProviderImpl.class), lib.resolve("parsson.jar"));

        String servletFile = WhoAmIServlet.class.getName().replace('.', '/') + ".class";
        Path classFile = webInf.resolve("classes").resolve(servletFile);
        Files.createDirectories(classFile.getParent());
        try (var in = WhoAmIServlet.class.getClassLoader().getResourceAsStream(servletFile)) {
            Files.copy(Objects.requireNonNull(in, servletFile), classFile);
        }

        page(war.resolve("index.html"), "plain WAR home");
        page(war.resolve(PUBLIC_PAGE.substring(1)), "public page");
        page(war.resolve(PRIVATE_PAGE.substring(1)), PRIVATE_MARKER);
        return war;
    }

    private static String webXml(Map<String, String> params) {
        StringBuilder initParams = new StringBuilder();
        params.forEach((name, value) -> initParams.append("    <init-param><param-name>").append(xml(name))
                .append("</param-name><param-value>").append(xml(value)).append("</param-value></init-param>\n"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                  <filter>
                    <filter-name>dingtalk</filter-name>
                    <filter-class>io.github.dingtalkauth.DingTalkAuthFilter</filter-class>
                %s    <async-supported>true</async-supported>
                  </filter>
                  <filter-mapping>
                    <filter-name>dingtalk</filter-name>
                    <url-pattern>/*</url-pattern>
                    <dispatcher>REQUEST</dispatcher>
                    <dispatcher>ASYNC</dispatcher>
                    <dispatcher>ERROR</dispatcher>
                  </filter-mapping>
                  <servlet>
                    <servlet-name>whoami</servlet-name>
                    <servlet-class>io.github.dingtalkauth.tomcat.WhoAmIServlet</servlet-class>
                  </servlet>
                  <servlet-mapping>
                    <servlet-name>whoami</servlet-name>
                    <url-pattern>/whoami</url-pattern>
                    <url-pattern>/public/whoami</url-pattern>
                  </servlet-mapping>
                  <session-config>
                    <cookie-config>
                      <http-only>true</http-only>
                      <attribute><attribute-name>SameSite</attribute-name><attribute-value>Lax</attribute-value></attribute>
                    </cookie-config>
                    <tracking-mode>COOKIE</tracking-mode>
                  </session-config>
                  <welcome-file-list><welcome-file>index.html</welcome-file></welcome-file-list>
                </web-app>
                """.formatted(initParams);
    }

    private static void page(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + text
                + "</title></head><body><p>" + text + "</p></body></html>\n", StandardCharsets.UTF_8);
    }

    /**
     * The filter as a jar: the one Maven built, or, when the tests run on compiled classes ({@code mvn test} without
     * {@code package}), a jar made here from the class directory.
     */
    private static void copyFilterJar(Path target) throws IOException {
        Path source = codeSource(DingTalkAuthFilter.class);
        if (Files.isRegularFile(source)) {
            Files.copy(source, target);
            return;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(target);
             JarOutputStream jar = new JarOutputStream(file, manifest);
             Stream<Path> tree = Files.walk(source)) {
            for (Path path : tree.sorted().toList()) {
                if (path.equals(source)) {
                    continue;
                }
                String name = source.relativize(path).toString().replace('\\', '/');
                if (Files.isDirectory(path)) {
                    jar.putNextEntry(new JarEntry(name + "/"));
                } else if (!name.equals("META-INF/MANIFEST.MF")) {
                    jar.putNextEntry(new JarEntry(name));
                    Files.copy(path, jar);
                } else {
                    continue;
                }
                jar.closeEntry();
            }
        }
    }

    private static Path jarOf(Class<?> type) {
        Path jar = codeSource(type);
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            throw new IllegalStateException(type.getName() + " does not come from a jar: " + jar);
        }
        return jar;
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
