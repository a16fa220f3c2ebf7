package io.github.dingtalkauth.emulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request as the emulator received it.
 *
 * @param method  the HTTP method, as sent
 * @param path    the raw (still percent-encoded) path
 * @param query   the raw query string without {@code ?}; empty when there was none
 * @param headers every header, names in lower case, values in the order received
 * @param body    the body decoded as UTF-8 (at most {@value #MAX_BODY_BYTES} bytes are kept)
 */
public record RecordedRequest(
        String method, String path, String query, Map<String, List<String>> headers, String body) {

    /** Real token requests are under 1 KiB; the cap only protects the emulator from a runaway client. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Objects.requireNonNullElse(query, "");
        body = Objects.requireNonNullElse(body, "");
        headers = lowerCaseCopy(Objects.requireNonNullElse(headers, Map.of()));
    }

    /** The first value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Whether the body is declared as {@code application/json}, parameters such as a charset aside. */
    boolean isJson() {
        return mediaType().equals("application/json");
    }

    boolean isForm() {
        return mediaType().equals("application/x-www-form-urlencoded");
    }

    private String mediaType() {
        String type = header("content-type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    static RecordedRequest read(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES);
        }
        return new RecordedRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> lowerCaseCopy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>();
        headers.forEach((name, values) -> copy
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(copy);
    }
}
