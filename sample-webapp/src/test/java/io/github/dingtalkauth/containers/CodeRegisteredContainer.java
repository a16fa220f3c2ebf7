package io.github.dingtalkauth.containers;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.EnumSet;

/**
 * One embedded container left at its defaults (no session-config: sessions tracked by cookie and by URL), with the
 * filter registered in code as the README shows (async-supported, for REQUEST, ASYNC and ERROR) in front of one
 * async-supported servlet mapped to {@code /}, whose 404s go to {@link #ERROR_PAGE}.
 */
public interface CodeRegisteredContainer extends AutoCloseable {
    String ERROR_PAGE = "/error-page";
    String FILTER_NAME = "dingtalk";
    EnumSet<DispatcherType> DISPATCHES = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);

    /** Opens the port on localhost, so that the redirect URI can name it; returns {@code http://localhost:PORT}. */
    URI bind() throws Exception;

    /** Registers {@code filter} and {@code servlet} as above and starts serving. */
    void start(Filter filter, HttpServlet servlet) throws Exception;

    /** Tomcat refuses raw {@code [ ] |} in a request target (its {@code relaxedQueryChars} is empty by default). */
    boolean acceptsRawBracketsAndPipesInQueries();
}
