package io.github.dingtalkauth.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny load balancer with no stickiness at all: each request goes to the next node in turn, whatever its cookies
 * say, with the browser's {@code Host} kept. Each answer names the node that served it in {@link #SERVED_BY}.
 */
final class RoundRobin implements AutoCloseable {
    static final String SERVED_BY = "X-Served-By";
    /** Hop-by-hop headers, and those the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "date");
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private record Node(String name, URI base) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile List<Node> nodes = List.of();

    private RoundRobin() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(threads);
        server.start();
    }

    static RoundRobin start() throws IOException {
        return new RoundRobin();
    }

    /** The public origin, e.g. {@code http://localhost:PORT}. */
    URI base() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** The nodes, by name, in the order requests go to them. */
    void route(Map<String, URI> byName) {
        List<Node> list = new ArrayList<>();
        byName.forEach((name, base) -> list.add(new Node(name, base)));
        nodes = List.copyOf(list);
    }

    /** The next request goes to this node; the turn goes on from there. */
    void nextGoesTo(String name) {
        List<Node> current = nodes;
        for (int i = 0; i < current.size(); i++) {
            if (current.get(i).name().equals(name)) {
                turn.set(i);
                return;
            }
        }
        throw new IllegalArgumentException("no node " + name);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            List<Node> current = nodes;
            Node node = current.get(Math.floorMod(turn.getAndIncrement(), current.size()));
            HttpResponse<byte[]> answer = CLIENT.send(request(exchange, node), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.getResponseHeaders().set(SERVED_BY, node.name());
            byte[] body = answer.body();
            boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(answer.statusCode(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpRequest request(HttpExchange exchange, Node node) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = URI.create(node.base() + exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }
}
