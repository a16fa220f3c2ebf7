package io.github.dingtalkauth.security;

import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A response read off a raw socket ({@link RawHttp}), for requests the JDK client will not send: a forged Host,
 * non-UTF-8 bytes, CR/LF in the request line. Headers are kept exactly as they came, repeated ones included.
 */
record Wire(int status, List<String[]> headers, String body, String raw) {

    /** Sends the request head as given (request line and headers, without the final blank line). */
    static Wire send(URI base, String head) {
        return send(base, head.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Wire send(URI base, byte[] head) {
        try {
            return parse(RawHttp.send(base, head));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Wire parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        String head = end < 0 ? raw : raw.substring(0, end);
        String body = end < 0 ? "" : raw.substring(end + 4);
        String[] lines = head.split("\r\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
        }
        return new Wire(RawHttp.status(raw), headers, body, raw);
    }

    /** The same answer as {@link io.github.dingtalkauth.testing.Browser} would have returned it. */
    Browser.Response toResponse(URI uri) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String[] header : headers) {
            map.computeIfAbsent(header[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header[1]);
        }
        return new Browser.Response(status, HttpHeaders.of(map, (name, value) -> true), body, uri);
    }

    List<String> all(String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
    }

    String first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The value of a Set-Cookie for {@code name}, or null. */
    String cookie(String name) {
        for (String setCookie : all("set-cookie")) {
            String pair = setCookie.split(";", 2)[0];
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** Keeps every cookie this answer sets in {@code browser}'s jar, as the browser would. */
    void storeCookiesIn(io.github.dingtalkauth.testing.Browser browser) {
        for (String setCookie : all("set-cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            boolean expired = setCookie.toLowerCase(Locale.ROOT).contains("max-age=0");
            browser.setCookie(pair.substring(0, eq), expired ? null : pair.substring(eq + 1));
        }
    }

    /** The head (status line and headers), lower case, for "appears nowhere" checks. */
    String headLowerCase() {
        int end = raw.indexOf("\r\n\r\n");
        return (end < 0 ? raw : raw.substring(0, end)).toLowerCase(Locale.ROOT);
    }
}
