package io.github.dingtalkauth.bench;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A reusable, allocation-free request for the benchmark: every getter returns a field, headers are a small array
 * scanned case-insensitively (as Tomcat's {@code MimeHeaders} does), attributes a {@link HashMap} whose entries are
 * replaced, not added, when the same request is sent again. Not thread-safe; one instance per scenario.
 */
final class BenchRequest implements HttpServletRequest {
    private final ServletContext context;
    private final String method;
    private final String contextPath;
    private final String servletPath;
    private final String pathInfo;
    private final String requestUri;
    private final String queryString;
    private final String[] headers; // name, value, name, value, ...
    private final Map<String, Object> attributes = new HashMap<>();
    private final HeaderValues headerValues = new HeaderValues();
    private final BenchSession spareSession;

    /** The session this request belongs to; the harness sets it to null before a "first visit". */
    BenchSession session;

    BenchRequest(ServletContext context, String method, String contextPath, String servletPath, String pathInfo,
                 String queryString, String... headers) {
        this.context = context;
        this.method = method;
        this.contextPath = contextPath;
        this.servletPath = servletPath;
        this.pathInfo = pathInfo;
        this.requestUri = contextPath + servletPath + (pathInfo == null ? "" : pathInfo);
        this.queryString = queryString;
        this.headers = headers;
        this.spareSession = new BenchSession(context);
    }

    // --- what the filter uses -------------------------------------------------------------------------------------

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getContextPath() {
        return contextPath;
    }

    @Override
    public String getServletPath() {
        return servletPath;
    }

    @Override
    public String getPathInfo() {
        return pathInfo;
    }

    @Override
    public String getRequestURI() {
        return requestUri;
    }

    @Override
    public String getQueryString() {
        return queryString;
    }

    @Override
    public String getHeader(String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return headers[i + 1];
            }
        }
        return null;
    }

    /** One reusable enumeration per request: the filter reads a header's values once per call. */
    @Override
    public Enumeration<String> getHeaders(String name) {
        headerValues.reset(name);
        return headerValues;
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object o) {
        attributes.put(name, o);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public Principal getUserPrincipal() {
        return null; // no container authentication, as in a typical WAR
    }

    @Override
    public HttpSession getSession(boolean create) {
        if (session == null && create) {
            session = spareSession.renew(); // a new session, without allocating a new fake each time
        }
        return session;
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    @Override
    public String changeSessionId() {
        return getSession(false).getId();
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    @Override
    public String getScheme() {
        return "https";
    }

    @Override
    public String getServerName() {
        return "app.example.com";
    }

    @Override
    public int getServerPort() {
        return 443;
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    @Override
    public String getRemoteUser() {
        return null;
    }

    @Override
    public String getAuthType() {
        return null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public String getParameter(String name) {
        return null;
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }

    private final class HeaderValues implements Enumeration<String> {
        private String name;
        private int next;

        void reset(String name) {
            this.name = name;
            this.next = find(0);
        }

        private int find(int from) {
            for (int i = from; i < headers.length; i += 2) {
                if (headers[i].equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public boolean hasMoreElements() {
            return next >= 0;
        }

        @Override
        public String nextElement() {
            if (next < 0) {
                throw new NoSuchElementException();
            }
            String value = headers[next + 1];
            next = find(next + 2);
            return value;
        }
    }

    // --- not used by the filter in the benchmarked scenarios ------------------------------------------------------

    @Override
    public Cookie[] getCookies() {
        return null;
    }

    @Override
    public long getDateHeader(String name) {
        return -1;
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int getIntHeader(String name) {
        return -1;
    }

    @Override
    public String getPathTranslated() {
        return null;
    }

    @Override
    public String getRequestedSessionId() {
        return session == null ? null : session.getId();
    }

    @Override
    public StringBuffer getRequestURL() {
        return new StringBuffer("https://app.example.com").append(requestUri);
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return session != null;
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return session != null;
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }

    @Override
    public boolean authenticate(HttpServletResponse response) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void login(String username, String password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void logout() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<Part> getParts() {
        return Collections.emptyList();
    }

    @Override
    public Part getPart(String name) {
        return null;
    }

    @Override
    public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(attributes.keySet());
    }

    @Override
    public String getCharacterEncoding() {
        return "UTF-8";
    }

    @Override
    public void setCharacterEncoding(String env) {
    }

    @Override
    public int getContentLength() {
        return -1;
    }

    @Override
    public long getContentLengthLong() {
        return -1;
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public ServletInputStream getInputStream() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.emptyEnumeration();
    }

    @Override
    public String[] getParameterValues(String name) {
        return null;
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return Collections.emptyMap();
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public BufferedReader getReader() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getRemoteAddr() {
        return "192.0.2.10";
    }

    @Override
    public String getRemoteHost() {
        return "192.0.2.10";
    }

    @Override
    public Locale getLocale() {
        return Locale.ROOT;
    }

    @Override
    public Enumeration<Locale> getLocales() {
        return Collections.enumeration(Collections.singletonList(Locale.ROOT));
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int getRemotePort() {
        return 50000;
    }

    @Override
    public String getLocalName() {
        return "app.example.com";
    }

    @Override
    public String getLocalAddr() {
        return "192.0.2.1";
    }

    @Override
    public int getLocalPort() {
        return 443;
    }

    @Override
    public AsyncContext startAsync() {
        throw new UnsupportedOperationException();
    }

    @Override
    public AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public boolean isAsyncSupported() {
        return false;
    }

    @Override
    public AsyncContext getAsyncContext() {
        throw new IllegalStateException();
    }

    @Override
    public String getRequestId() {
        return "1";
    }

    @Override
    public String getProtocolRequestId() {
        return "";
    }

    @Override
    public ServletConnection getServletConnection() {
        throw new UnsupportedOperationException();
    }
}
