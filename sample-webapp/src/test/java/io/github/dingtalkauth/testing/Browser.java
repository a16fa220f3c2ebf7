package io.github.dingtalkauth.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * A scripted browser for black-box tests: one cookie jar per origin, redirects never followed (tests read the raw
 * {@code Location} and {@code Set-Cookie}), and navigations that send what a real browser sends for a page.
 * Separate instances are separate people (victim, attacker).
 */
public final class Browser {
    private static final HttpClient HTTP = client().build();

    private final URI base;
    private final HttpClient http;
    private final Map<String, Map<String, String>> jars = new ConcurrentHashMap<>();

    /** @param base the application's base URI, e.g. {@code http://localhost:8080} (no trailing slash) */
    public Browser(URI base) {
        this(base, HTTP);
    }

    /** A browser for an {@code https} base that trusts exactly what {@code tls} trusts (a test's own certificate). */
    public Browser(URI base, SSLContext tls) {
        this(base, client().sslContext(tls).build());
    }

    private Browser(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    private static HttpClient.Builder client() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
    }

    public URI base() {
        return base;
    }

    /** A top-level page navigation: GET with a browser's Accept and Sec-Fetch headers. */
    public Response navigate(String pathOrUrl, String... headers) {
        return send("GET", pathOrUrl, null, concat(new String[] {
                "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document"}, headers));
    }

    public Response get(String pathOrUrl, String... headers) {
        return send("GET", pathOrUrl, null, headers);
    }

    /** A form POST as a page on the application's own origin would send it. */
    public Response postForm(String pathOrUrl, String form, String... headers) {
        return send("POST", pathOrUrl, form, concat(new String[] {
                "Content-Type", "application/x-www-form-urlencoded"}, headers));
    }

    public Response send(String method, String pathOrUrl, String body, String... headers) {
        URI uri = resolve(pathOrUrl);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        String cookieHeader = cookieHeader(uri);
        if (!cookieHeader.isEmpty()) {
            builder.header("Cookie", cookieHeader);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            storeCookies(uri, response.headers());
            return new Response(response.statusCode(), response.headers(), response.body(), uri);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI resolve(String pathOrUrl) {
        return pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")
                ? URI.create(pathOrUrl) : URI.create(base + pathOrUrl);
    }

    /** The cookie this browser holds for the application's origin, or null. */
    public String cookie(String name) {
        return jar(base).get(name);
    }

    /** Puts a cookie into the jar; a null value drops it. */
    public void setCookie(String name, String value) {
        if (value == null) {
            jar(base).remove(name);
        } else {
            jar(base).put(name, value);
        }
    }

    /** Copies every cookie of {@code other} (session and login cookies), as a second tab of one browser shares them. */
    public void copyCookiesFrom(Browser other) {
        Map<String, String> theirs = other.jar(other.base);
        synchronized (theirs) {
            jar(base).putAll(theirs);
        }
    }

    /** The {@code Cookie} header value this browser sends to the application (for hand-written requests). */
    public String cookieHeader() {
        return cookieHeader(base);
    }

    public void clearCookies() {
        jars.clear();
    }

    private Map<String, String> jar(URI uri) {
        return jars.computeIfAbsent(uri.getHost() + ":" + uri.getPort(), k -> new LinkedHashMap<>());
    }

    private String cookieHeader(URI uri) {
        Map<String, String> jar = jar(uri);
        synchronized (jar) {
            List<String> pairs = new ArrayList<>();
            jar.forEach((k, v) -> pairs.add(k + "=" + v));
            return String.join("; ", pairs);
        }
    }

    private void storeCookies(URI uri, HttpHeaders headers) {
        Map<String, String> jar = jar(uri);
        synchronized (jar) {
            for (String setCookie : headers.allValues("set-cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean expired = setCookie.toLowerCase().contains("max-age=0")
                        || setCookie.toLowerCase().contains("expires=thu, 01-jan-1970");
                if (expired || value.isEmpty()) {
                    jar.remove(name);
                } else {
                    jar.put(name, value);
                }
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** One answer, as the wire had it. */
    public record Response(int status, HttpHeaders headers, String body, URI uri) {
        public String location() {
            return headers.firstValue("location").orElse(null);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public List<String> setCookies() {
            return headers.allValues("set-cookie");
        }

        /** The value of {@code name} in a Set-Cookie of this response, if one sets it. */
        public Optional<String> setsCookie(String name) {
            return setCookies().stream()
                    .map(c -> c.split(";", 2)[0])
                    .filter(p -> p.startsWith(name + "="))
                    .map(p -> p.substring(name.length() + 1))
                    .findFirst();
        }

        /** A query parameter of the Location header (decoded), or null. */
        public String locationParameter(String name) {
            return Query.parameter(URI.create(location()).getRawQuery(), name);
        }
    }
}
