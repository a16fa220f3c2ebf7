package io.github.dingtalkauth.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a top-level page navigation from everything else. Only a navigation is sent to DingTalk and remembered as a
 * return target; an XHR, a fetch, an image or a POST gets a 401, since a redirect to DingTalk would only surface as an
 * opaque CORS error or land the user on a JSON endpoint after login.
 */
public final class RequestKind {
    private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml");
    private static final Set<String> JSON = Set.of("application/json");

    private RequestKind() {
    }

    public static boolean isNavigation(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        if (request.getHeader("X-Requested-With") != null) {
            return false;
        }
        String mode = request.getHeader("Sec-Fetch-Mode");
        if (mode != null && !mode.equalsIgnoreCase("navigate")) {
            return false;
        }
        return acceptsHtml(request.getHeaders("Accept"));
    }

    /**
     * A script asking for JSON: its Accept lists {@code application/json} and no HTML, so that a browser's page
     * navigation (which lists HTML) never gets JSON.
     */
    public static boolean prefersJson(HttpServletRequest request) {
        return accepts(request.getHeaders("Accept"), JSON) && !acceptsHtml(request.getHeaders("Accept"));
    }

    /** True when an Accept header lists text/html (or XHTML) with a non-zero quality; wildcards do not count. */
    static boolean acceptsHtml(Enumeration<String> accepts) {
        return accepts(accepts, HTML);
    }

    private static boolean accepts(Enumeration<String> accepts, Set<String> types) {
        if (accepts == null) {
            return false;
        }
        while (accepts.hasMoreElements()) {
            for (String range : accepts.nextElement().split(",")) {
                String[] parts = range.split(";");
                if (parts.length == 0) {
                    continue; // ";;;" splits to nothing at all
                }
                String type = parts[0].trim().toLowerCase(Locale.ROOT);
                if (types.contains(type) && quality(parts) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
