package io.github.dingtalkauth.emulator;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A complete answer, built before anything is written.
 *
 * <p>Handlers return one instead of writing to the exchange, so that a fault can hold a real answer back
 * ({@link Fault#slowHeaders}) or replace it.
 */
final class Response {

    /** What api.dingtalk.com sends, spelling included. */
    static final String JSON = "application/json;charset=utf-8";
    static final String HTML = "text/html;charset=utf-8";
    static final String JAVASCRIPT = "application/javascript;charset=utf-8";

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    private Response(int status, Map<String, String> headers, byte[] body) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
    }

    static Response json(int status, JsonObject body) {
        return json(status, JsonCodec.write(body));
    }

    static Response json(int status, String body) {
        return raw(status, JSON, body);
    }

    /** A page of the emulator's own; the policy keeps it from loading anything but its own images. */
    static Response html(int status, String html) {
        return raw(status, HTML, html)
                .withHeader("Cache-Control", "no-store")
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; "
                                + "frame-ancestors 'none'");
    }

    /** A stand-in for one of DingTalk's scripts: never cached (tests switch its behaviour), never sniffed. */
    static Response script(String contentType, String source) {
        return raw(200, contentType, source)
                .withHeader("Cache-Control", "no-store")
                .withHeader("X-Content-Type-Options", "nosniff");
    }

    static Response redirect(int status, String location) {
        return new Response(status, Map.of("Location", location, "Cache-Control", "no-store"), new byte[0]);
    }

    /** Exactly this status, content type (none if null) and body (empty if null). */
    static Response raw(int status, String contentType, String body) {
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("Content-Type", contentType);
        return new Response(status, headers, Objects.requireNonNullElse(body, "").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Exactly these bytes as the body, which need not be valid UTF-8 (a String body cannot carry invalid UTF-8:
     * encoding it replaces broken sequences). A null content type sends no {@code Content-Type}.
     */
    static Response bytes(int status, String contentType, byte[] body) {
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("Content-Type", contentType);
        return new Response(status, headers, body.clone());
    }

    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, more, body);
    }

    int status() {
        return status;
    }

    byte[] body() {
        return body.clone();
    }

    void writeTo(HttpExchange exchange) throws IOException {
        headers.forEach(exchange.getResponseHeaders()::set);
        boolean bodiless = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        // -1 tells HttpServer "no body"; 0 would mean "chunked, length unknown".
        exchange.sendResponseHeaders(status, bodiless ? -1 : body.length);
        if (!bodiless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
