package io.github.dingtalkauth.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one HTTP handler: records every request, counts it, applies latency and faults, then routes by path (exact, but
 * for the {@code corpId} segment of one endpoint). Handling everything in one place is what guarantees that no
 * request escapes the log or the counters.
 */
final class Dispatcher implements HttpHandler {

    private final Map<Endpoint, RequestHandler> endpoints;
    private final Map<String, RequestHandler> pages;
    private final RequestHandler fallback;
    private final RequestLog log;
    private final Counters counters;
    private final FaultBoard faults;
    private final Duration latency;
    private final EmulatorState state;

    /**
     * @param pages    the emulator's own pages, by exact path (the consent form's target)
     * @param fallback answers every other path (avatars, else 404)
     */
    Dispatcher(Map<Endpoint, RequestHandler> endpoints, Map<String, RequestHandler> pages, RequestHandler fallback,
            RequestLog log, Counters counters, FaultBoard faults, Duration latency, EmulatorState state) {
        this.endpoints = Map.copyOf(endpoints);
        this.pages = Map.copyOf(pages);
        this.fallback = fallback;
        this.log = log;
        this.counters = counters;
        this.faults = faults;
        this.latency = latency;
        this.state = state;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            counters.requestFrom(exchange.getRemoteAddress());
            RecordedRequest request = RecordedRequest.read(exchange);
            log.add(request);
            answer(exchange, request);
        } catch (IOException e) {
            // The client went away before its request was read; there is nobody to answer.
        } finally {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange, RecordedRequest request) {
        try {
            Optional<Endpoint> endpoint = Endpoint.at(request.path());
            endpoint.ifPresent(counters::requestTo);
            if (!latency.isZero()) {
                TimeUnit.NANOSECONDS.sleep(latency.toNanos());
            }
            Optional<Fault> fault = endpoint.flatMap(faults::next);
            if (fault.isPresent()) {
                fault.get().perform(new FaultScene(exchange, endpoint.get(), request, () -> route(request), state));
            } else {
                route(request).writeTo(exchange);
            }
        } catch (IOException e) {
            // The client closed the connection before the answer was out; a test may want to know (Stats).
            counters.count(Counters.Event.ABANDONED_ANSWER);
        } catch (InterruptedException e) {
            // The emulator is closing: stop sleeping and let the thread go.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            answerBug(exchange, e);
        }
    }

    private Response route(RecordedRequest request) {
        RequestHandler handler = Endpoint.at(request.path()).map(endpoints::get)
                .orElseGet(() -> pages.getOrDefault(request.path(), fallback));
        return handler.handle(request);
    }

    /** A bug in the emulator must not look like a DingTalk answer a client might accept; say so loudly. */
    private static void answerBug(HttpExchange exchange, RuntimeException e) {
        System.err.println("DingTalk emulator: internal error: " + e);
        e.printStackTrace();
        try {
            ApiError.of(500, "EmulatorInternalError", "the emulator failed: " + e).writeTo(exchange);
        } catch (IOException | RuntimeException ignored) {
            // headers may already be out; closing the exchange is all that is left
        }
    }

    /** The server's threads: daemons, so that an emulator a test forgot to close never keeps the JVM alive. */
    static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "dingtalk-emulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
