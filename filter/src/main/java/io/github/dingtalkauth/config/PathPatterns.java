package io.github.dingtalkauth.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Servlet-style path patterns for {@code excludePaths}: {@code /exact}, {@code /prefix/*} and {@code *.ext}. Unlike
 * a servlet mapping, a lone {@code /} means the context root only, since "everything" is already spelled {@code /*}.
 * Paths are matched after the container has decoded and normalised them (servlet path plus path info).
 */
public final class PathPatterns {
    private final List<String> exact = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> prefixRoots = new ArrayList<>();
    private final List<String> extensions = new ArrayList<>();
    private final String text;

    private PathPatterns(String text) {
        this.text = text;
    }

    public static PathPatterns parse(String text) {
        PathPatterns patterns = new PathPatterns(text.trim());
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.startsWith("*.") && p.length() > 2 && p.indexOf('/') < 0 && p.indexOf('*', 1) < 0) {
                patterns.extensions.add(p.substring(1));
            } else if (p.equals("/*")) {
                patterns.prefixes.add("/");
            } else if (p.startsWith("/") && p.endsWith("/*") && p.indexOf('*') == p.length() - 1) {
                patterns.prefixes.add(p.substring(0, p.length() - 1));
                // "/public/*" covers "/public" itself as well, as in a servlet mapping.
                patterns.prefixRoots.add(p.substring(0, p.length() - 2));
            } else if (p.startsWith("/") && p.indexOf('*') < 0) {
                patterns.exact.add(p);
            } else {
                throw new IllegalArgumentException("'" + p + "' is not a path pattern; use /exact, /prefix/* or *.ext");
            }
        }
        return patterns;
    }

    public boolean matches(String path) {
        if (exact.contains(path) || prefixRoots.contains(path)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        int slash = path.lastIndexOf('/');
        for (String extension : extensions) {
            if (path.endsWith(extension) && path.length() - extension.length() > slash) {
                return true;
            }
        }
        return false;
    }

    public PathPatterns plusExact(String path) {
        PathPatterns copy = parse(text);
        copy.exact.add(path);
        return copy;
    }

    @Override
    public String toString() {
        return text;
    }
}
