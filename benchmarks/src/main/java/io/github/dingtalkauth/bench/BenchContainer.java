package io.github.dingtalkauth.bench;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.SessionCookieConfig;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/**
 * The parts of a container that the filter touches only at start-up ({@link ServletContext},
 * {@link SessionCookieConfig}, {@link FilterConfig}) plus the chain and a no-op filter for the baseline. The two big
 * interfaces are {@link Proxy}s: their cost does not matter, since no benchmarked request calls them.
 */
final class BenchContainer {
    private BenchContainer() {
    }

    static ServletContext servletContext(String contextPath) {
        SessionCookieConfig cookies = proxy(SessionCookieConfig.class, (name, args) -> switch (name) {
            case "getAttribute" -> "SameSite".equals(args[0]) ? "Lax" : null;
            case "isHttpOnly" -> true;
            case "getAttributes" -> Map.of("SameSite", "Lax");
            default -> null;
        });
        return proxy(ServletContext.class, (name, args) -> switch (name) {
            case "getContextPath" -> contextPath;
            case "getSessionCookieConfig" -> cookies;
            case "getSessionTimeout" -> 30;
            case "getMajorVersion", "getEffectiveMajorVersion" -> 6;
            case "getMinorVersion", "getEffectiveMinorVersion" -> 0;
            case "getServerInfo" -> "dingtalk-auth benchmark";
            case "getInitParameterNames", "getAttributeNames" -> Collections.emptyEnumeration();
            default -> null; // getResourceAsStream, getAttribute, getInitParameter, ...: nothing there
        });
    }

    static FilterConfig filterConfig(String filterName, Map<String, String> initParams, ServletContext context) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return filterName;
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return initParams.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(initParams.keySet());
            }
        };
    }

    /** The rest of the application: remembers what it was handed, so the filter's work is never dead code. */
    static final class Chain implements FilterChain {
        ServletRequest lastRequest;
        long calls;

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) {
            lastRequest = request;
            calls++;
        }
    }

    /** The baseline: a filter that only passes the request on, as every filter must. */
    static final class NoopFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, jakarta.servlet.ServletException {
            chain.doFilter(request, response);
        }
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        Object proxy = Proxy.newProxyInstance(BenchContainer.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    switch (method.getName()) {
                        case "toString":
                            return "Bench" + type.getSimpleName();
                        case "hashCode":
                            return System.identityHashCode(self);
                        case "equals":
                            return self == args[0];
                        default:
                            Object value = answer.answer(method.getName(), args);
                            Class<?> r = method.getReturnType();
                            if (value == null && r.isPrimitive()) {
                                return r == boolean.class ? Boolean.FALSE : r == void.class ? null
                                        : r == long.class ? (Object) 0L : (Object) 0;
                            }
                            return value;
                    }
                });
        return type.cast(proxy);
    }
}
