package io.github.dingtalkauth.support;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated browser: it holds a session cookie (the id of a session in a {@link FakeContainer}) and sends requests
 * through a filter. Requests are Mockito mocks backed by real state, so tests can both read the outcome and
 * {@code verify} calls such as {@code getSession(true)}.
 */
public final class Browser {
    private final FakeContainer container;
    private volatile String sessionId;
    /** Cookies other than the session's, by name, as {@code Set-Cookie} left them (Max-Age=0 removes one). */
    private final Map<String, String> cookies = Collections.synchronizedMap(new LinkedHashMap<>());

    Browser(FakeContainer container) {
        this.container = container;
    }

    /** The session id this browser would send as its cookie, or null. */
    public String sessionId() {
        return sessionId;
    }

    /** The live session this browser's cookie names, or null. */
    public FakeSession session() {
        return container.session(sessionId);
    }

    /** Gives this browser a fresh session, as some earlier page of the application would have. */
    public FakeSession newSession() {
        FakeSession session = container.create();
        session.isNew = false;
        sessionId = session.id;
        return session;
    }

    /** The other cookies this browser holds now (login cookies), by name. */
    public Map<String, String> cookies() {
        synchronized (cookies) {
            return new LinkedHashMap<>(cookies);
        }
    }

    /** Puts a cookie into the jar (or, with a null value, drops it), as a tampering or forging client would. */
    public void setCookie(String name, String value) {
        if (value == null) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private void applySetCookie(String header) {
        int eq = header.indexOf('=');
        int end = header.indexOf(';');
        String name = header.substring(0, eq);
        String value = header.substring(eq + 1, end < 0 ? header.length() : end);
        setCookie(name, header.contains("Max-Age=0") ? null : value);
    }

    /** Puts a cookie into the jar, as an attacker planting a session id would. */
    public void useSessionId(String id) {
        sessionId = id;
    }

    public Request request(String method, String uri) {
        return new Request(method, uri);
    }

    public Request get(String uri) {
        return request("GET", uri);
    }

    public Request post(String uri) {
        return request("POST", uri);
    }

    /** A top-level page navigation, as a browser sends it. */
    public Request navigate(String uri) {
        return get(uri).header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Sec-Fetch-Mode", "navigate");
    }

    /** One request being built. */
    public final class Request {
        private final String method;
        private final String uri;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Map<String, List<String>> presetResponseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private DispatcherType dispatch = DispatcherType.REQUEST;
        private String remoteAddr = "203.0.113.10";

        private Request(String method, String uri) {
            this.method = method;
            this.uri = uri;
        }

        public Request header(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        /** Sends this as the container's dispatch of that type: ASYNC after {@code dispatch()}, ERROR to an error page. */
        public Request dispatch(DispatcherType type) {
            this.dispatch = type;
            return this;
        }

        /** The client address the container reports. */
        public Request from(String address) {
            this.remoteAddr = address;
            return this;
        }

        /** A response header something before the filter (another filter, a valve) has already set. */
        public Request responseHeader(String name, String value) {
            presetResponseHeaders.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Exchange send(Filter filter) {
            try {
                Exchange exchange = new Exchange(this);
                filter.doFilter(exchange.request, exchange.response, exchange.chain);
                return exchange;
            } catch (Exception e) {
                throw new AssertionError("the filter threw " + e, e);
            }
        }
    }

    /** A request sent and what came back. */
    public final class Exchange {
        private final HttpServletRequest request = mock(HttpServletRequest.class);
        private final HttpServletResponse response = mock(HttpServletResponse.class);
        private final FilterChain chain = mock(FilterChain.class);
        private final Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Map<String, Object> attributes = new HashMap<>();
        private final StringWriter body = new StringWriter();
        private final PrintWriter writer = new PrintWriter(body);
        private final AtomicReference<ServletRequest> passedOn = new AtomicReference<>();
        private final AtomicReference<String> forwardedTo = new AtomicReference<>();
        private final String sessionIdBefore;
        private int status = 200;
        private boolean sessionCreated;

        private Exchange(Request spec) throws Exception {
            sessionIdBefore = sessionId;
            FakeSession existing = container.session(sessionId);
            if (existing != null) {
                existing.isNew = false; // the browser came back with the cookie
            }
            int q = spec.uri.indexOf('?');
            String path = q < 0 ? spec.uri : spec.uri.substring(0, q);
            String query = q < 0 ? null : spec.uri.substring(q + 1);
            String contextPath = container.contextPath();

            when(request.getMethod()).thenReturn(spec.method);
            when(request.getDispatcherType()).thenReturn(spec.dispatch);
            when(request.getRemoteAddr()).thenReturn(spec.remoteAddr);
            when(request.getRequestedSessionId()).thenReturn(sessionIdBefore);
            Map<String, String> sent = cookies();
            jakarta.servlet.http.Cookie[] jar = sent.entrySet().stream()
                    .map(c -> new jakarta.servlet.http.Cookie(c.getKey(), c.getValue()))
                    .toArray(jakarta.servlet.http.Cookie[]::new);
            when(request.getCookies()).thenReturn(jar.length == 0 ? null : jar);
            spec.presetResponseHeaders.forEach((name, values) -> responseHeaders.put(name, new ArrayList<>(values)));
            when(request.getContextPath()).thenReturn(contextPath);
            when(request.getRequestURI()).thenReturn(contextPath + path);
            when(request.getServletPath()).thenReturn(decodePath(path));
            when(request.getPathInfo()).thenReturn(null);
            when(request.getQueryString()).thenReturn(query);
            Map<String, List<String>> parameters = parameters(query);
            when(request.getParameter(anyString())).thenAnswer(inv -> {
                List<String> values = parameters.get(inv.<String>getArgument(0));
                return values == null ? null : values.get(0);
            });
            when(request.getParameterValues(anyString())).thenAnswer(inv -> {
                List<String> values = parameters.get(inv.<String>getArgument(0));
                return values == null ? null : values.toArray(String[]::new);
            });
            when(request.getHeader(anyString())).thenAnswer(inv -> {
                List<String> values = spec.headers.get(inv.<String>getArgument(0));
                return values == null ? null : values.get(0);
            });
            when(request.getHeaders(anyString())).thenAnswer(inv -> Collections.enumeration(
                    spec.headers.getOrDefault(inv.<String>getArgument(0), List.of())));
            when(request.getHeaderNames()).thenAnswer(inv -> Collections.enumeration(spec.headers.keySet()));
            when(request.getScheme()).thenReturn("https");
            when(request.getServerName()).thenReturn("app.example.com");
            when(request.getServerPort()).thenReturn(443);
            when(request.isSecure()).thenReturn(true);
            when(request.getServletContext()).thenReturn(container.context());
            when(request.getSession(anyBoolean())).thenAnswer(inv -> session(inv.getArgument(0)));
            when(request.getSession()).thenAnswer(inv -> session(true));
            when(request.changeSessionId()).thenAnswer(inv -> {
                FakeSession current = container.session(sessionId);
                if (current == null) {
                    throw new IllegalStateException("no session");
                }
                sessionId = container.changeId(current);
                return sessionId;
            });
            when(request.getAttribute(anyString())).thenAnswer(inv -> attributes.get(inv.<String>getArgument(0)));
            when(request.getAttributeNames()).thenAnswer(inv -> java.util.Collections.enumeration(
                    new java.util.ArrayList<>(attributes.keySet())));
            doAnswer(inv -> attributes.put(inv.getArgument(0), inv.getArgument(1)))
                    .when(request).setAttribute(anyString(), any());
            doAnswer(inv -> attributes.remove(inv.<String>getArgument(0))).when(request).removeAttribute(anyString());
            when(request.getRequestDispatcher(anyString())).thenAnswer(inv -> {
                String target = inv.getArgument(0);
                RequestDispatcher dispatcher = mock(RequestDispatcher.class);
                doAnswer(f -> {
                    forwardedTo.set(target);
                    return null;
                }).when(dispatcher).forward(any(), any());
                return dispatcher;
            });

            doAnswer(inv -> {
                responseHeaders.put(inv.getArgument(0), new ArrayList<>(List.of(inv.<String>getArgument(1))));
                return null;
            }).when(response).setHeader(anyString(), anyString());
            doAnswer(inv -> {
                responseHeaders.computeIfAbsent(inv.getArgument(0), k -> new ArrayList<>())
                        .add(inv.getArgument(1));
                if ("Set-Cookie".equalsIgnoreCase(inv.getArgument(0))) {
                    applySetCookie(inv.getArgument(1));
                }
                return null;
            }).when(response).addHeader(anyString(), anyString());
            when(response.getHeader(anyString())).thenAnswer(inv -> header(inv.getArgument(0)));
            when(response.getHeaders(anyString())).thenAnswer(
                    inv -> List.copyOf(responseHeaders.getOrDefault(inv.<String>getArgument(0), List.of())));
            when(response.containsHeader(anyString()))
                    .thenAnswer(inv -> responseHeaders.containsKey(inv.<String>getArgument(0)));
            doAnswer(inv -> {
                status = inv.getArgument(0);
                return null;
            }).when(response).setStatus(anyInt());
            when(response.getStatus()).thenAnswer(inv -> status);
            doAnswer(inv -> {
                responseHeaders.put("Content-Type", new ArrayList<>(List.of(inv.<String>getArgument(0))));
                return null;
            }).when(response).setContentType(anyString());
            when(response.getContentType()).thenAnswer(inv -> header("Content-Type"));
            when(response.getWriter()).thenReturn(writer);

            doAnswer(inv -> {
                passedOn.set(inv.getArgument(0));
                return null;
            }).when(chain).doFilter(any(), any());
        }

        private HttpSession session(boolean create) {
            FakeSession current = container.session(sessionId);
            if (current != null || !create) {
                return current;
            }
            FakeSession created = container.create();
            sessionId = created.id;
            sessionCreated = true;
            return created;
        }

        public HttpServletRequest request() {
            return request;
        }

        public HttpServletResponse response() {
            return response;
        }

        public int status() {
            return status;
        }

        public String header(String name) {
            List<String> values = responseHeaders.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public Map<String, List<String>> headers() {
            return responseHeaders;
        }

        public String location() {
            return header("Location");
        }

        public String body() {
            writer.flush();
            return body.toString();
        }

        /** The request the filter handed to the application, or null when it answered itself. */
        public ServletRequest passedOn() {
            return passedOn.get();
        }

        public boolean passedThrough() {
            return passedOn.get() != null;
        }

        public Object attribute(String name) {
            return attributes.get(name);
        }

        public String forwardedTo() {
            return forwardedTo.get();
        }

        /** True when this request made the container create a session (a Set-Cookie would follow). */
        public boolean sessionCreated() {
            return sessionCreated;
        }

        public String sessionIdBefore() {
            return sessionIdBefore;
        }

        /** Everything the browser would see: status line, headers and body. */
        public String everything() {
            return status + "\n" + responseHeaders + "\n" + body();
        }
    }

    /** The servlet path a container would report: path parameters dropped, each segment decoded. */
    private static String decodePath(String path) {
        StringJoiner joined = new StringJoiner("/");
        for (String segment : path.split("/", -1)) {
            int semicolon = segment.indexOf(';');
            String plain = semicolon < 0 ? segment : segment.substring(0, semicolon);
            joined.add(URLDecoder.decode(plain.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        String decoded = joined.toString();
        return decoded.isEmpty() ? "/" : decoded;
    }

    private static Map<String, List<String>> parameters(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException broken) {
                // a lenient container drops what it cannot decode
            }
        }
        return parameters;
    }
}
