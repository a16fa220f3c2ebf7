package io.github.dingtalkauth.security.faults;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The attacker's host a hostile redirect points at: records every request it gets and answers with a success-looking
 * DingTalk token, so that a client which follows the redirect is rewarded, not stopped, and its mistake shows. Any hit
 * is a failure.
 */
final class EvilServer implements AutoCloseable {
    private final HttpServer server;
    private final List<String> hits = new CopyOnWriteArrayList<>();

    private EvilServer(HttpServer server) {
        this.server = server;
    }

    static EvilServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        EvilServer evil = new EvilServer(server);
        server.createContext("/", exchange -> {
            byte[] body;
            try (var in = exchange.getRequestBody()) {
                body = in.readNBytes(64 * 1024);
            }
            evil.hits.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().entrySet() + " " + new String(body, StandardCharsets.UTF_8));
            byte[] answer = "{\"accessToken\":\"EVIL-TOKEN\",\"unionId\":\"evil\",\"nick\":\"Evil\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return evil;
    }

    /** A URL on this host that looks like a place to steal things. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every request received, as "METHOD URI [headers] body". */
    List<String> hits() {
        return List.copyOf(hits);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
