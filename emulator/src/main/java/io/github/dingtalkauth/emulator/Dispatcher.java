package io.github.dingtalkauth.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The one HTTP handler: records every request, counts it, applies latency and faults, then routes by exact path.
 * Handling everything in one place is what guarantees that no request escapes the log or the counters.
 */
final class Dispatcher implements HttpHandler {

    private final Map<String, RequestHandler> routes;
    private final AvatarHandler avatars;
    private final RequestLog log;
    private final Counters counters;
    private final FaultBoard faults;
    private final Duration latency;
    private final Grants grants;
    private final List<EmulatorUser> users;

    Dispatcher(Map<String, RequestHandler> routes, AvatarHandler avatars, RequestLog log, Counters counters,
            FaultBoard faults, Duration latency, Grants grants, List<EmulatorUser> users) {
        this.routes = Map.copyOf(routes);
        this.avatars = avatars;
        this.log = log;
        this.counters = counters;
        this.faults = faults;
        this.latency = latency;
        this.grants = grants;
        this.users = users;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            RecordedRequest request = RecordedRequest.read(exchange);
            log.add(request);
            Optional<Endpoint> endpoint = endpointAt(request.path());
            endpoint.ifPresent(counters::requestTo);
            if (!latency.isZero()) {
                TimeUnit.NANOSECONDS.sleep(latency.toNanos());
            }
            Optional<Fault> fault = endpoint.flatMap(faults::next);
            if (fault.isPresent()) {
                fault.get().perform(new FaultScene(exchange, endpoint.get(), request, () -> route(request), grants,
                        users));
            } else {
                route(request).writeTo(exchange);
            }
        } catch (IOException e) {
            // The client went away (or a fault meant it to); there is nobody left to answer.
        } catch (InterruptedException e) {
            // The emulator is closing: stop sleeping and let the thread go.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            answerBug(exchange, e);
        } finally {
            exchange.close();
        }
    }

    private Response route(RecordedRequest request) {
        RequestHandler handler = routes.get(request.path());
        if (handler != null) {
            return handler.handle(request);
        }
        return AvatarHandler.handles(request.path()) ? avatars.handle(request) : ApiError.notFound();
    }

    private static Optional<Endpoint> endpointAt(String path) {
        for (Endpoint endpoint : Endpoint.values()) {
            if (endpoint.path().equals(path)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
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
}
