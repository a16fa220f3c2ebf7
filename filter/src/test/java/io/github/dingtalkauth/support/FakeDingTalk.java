package io.github.dingtalkauth.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted stand-in for api.dingtalk.com on 127.0.0.1: every request is recorded (method, path, headers, body), and
 * each path answers with whatever script the test installed. Without a script, the token and profile paths behave like
 * DingTalk with single-use codes issued by {@link #issue}.
 */
public final class FakeDingTalk implements AutoCloseable {
    public static final String TOKEN_PATH = "/v1.0/oauth2/userAccessToken";
    public static final String PROFILE_PATH = "/v1.0/contact/users/me";

    /** One request as the server saw it. */
    public record Recorded(String method, String path, String rawQuery, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(bodyText()))) {
                return reader.readObject();
            }
        }
    }

    /** How one path answers. */
    @FunctionalInterface
    public interface Script {
        void answer(HttpExchange exchange, Recorded request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-dingtalk");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private boolean closed;

    private FakeDingTalk() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeDingTalk start() {
        try {
            return new FakeDingTalk();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Replaces the behaviour of one path. */
    public FakeDingTalk on(String path, Script script) {
        scripts.put(path, script);
        return this;
    }

    /** Makes {@code code} redeemable once, for a user whose profile has this unionId. */
    public FakeDingTalk issue(String code, String unionId) {
        codes.put(code, unionId);
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public int hits(String path) {
        return requests(path).size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), copy(exchange.getRequestHeaders()), body);
            requests.add(recorded);
            Script script = scripts.get(recorded.path());
            if (script == null) {
                script = switch (recorded.path()) {
                    case TOKEN_PATH -> this::token;
                    case PROFILE_PATH -> this::profile;
                    default -> json(404, "{\"code\":\"notFound\"}");
                };
            }
            script.answer(exchange, recorded);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private void token(HttpExchange exchange, Recorded request) throws IOException {
        String code = request.json().getString("code", "");
        String unionId = codes.remove(code);
        if (unionId == null) {
            send(exchange, 400, "application/json", "{\"code\":\"invalidCode\",\"requestid\":\"R-1\","
                    + "\"message\":\"不合法的临时授权码\"}");
            return;
        }
        String accessToken = "AT-" + unionId;
        tokens.put(accessToken, unionId);
        send(exchange, 200, "application/json",
                "{\"accessToken\":\"" + accessToken + "\",\"refreshToken\":\"RT\",\"expireIn\":7200}");
    }

    private void profile(HttpExchange exchange, Recorded request) throws IOException {
        String unionId = tokens.get(String.valueOf(request.header("x-acs-dingtalk-access-token")));
        if (unionId == null) {
            send(exchange, 400, "application/json", "{\"code\":\"InvalidAuthentication\"}");
            return;
        }
        send(exchange, 200, "application/json", "{\"nick\":\"张三\",\"unionId\":\"" + unionId
                + "\",\"openId\":\"open-" + unionId + "\",\"stateCode\":\"86\",\"visitor\":false}");
    }

    public static Script json(int status, String body) {
        return (exchange, request) -> send(exchange, status, "application/json;charset=utf-8", body);
    }

    public static Script html(int status, String body) {
        return (exchange, request) -> send(exchange, status, "text/html;charset=utf-8", body);
    }

    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Headers copy(Headers headers) {
        Headers copy = new Headers();
        headers.forEach(copy::put);
        return copy;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
