package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.web.Decoding;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides where a browser may be sent after login. Only a path inside this application passes: it starts with one
 * {@code /}, and neither it nor its once-more-decoded form holds anything a browser could read as another origin
 * ({@code //}, a backslash, a scheme, control characters, dot segments). Everything else falls back to the context
 * root, because an open redirect on the callback host can also leak authorization codes (RFC 9700 §4.11.1).
 */
public final class ReturnTarget {
    public static final String ROOT = "/";
    private static final int MAX_LENGTH = 2048;
    // RFC 3986 path and query characters; no '#', no '\', no spaces, no non-ASCII.
    private static final Pattern ALLOWED = Pattern.compile("/[A-Za-z0-9\\-._~!$&'()*+,;=:@%/?]*");
    private static final Pattern PATH_PARAMETER = Pattern.compile(";[^/]*");
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

    private ReturnTarget() {
    }

    /**
     * A validated target relative to the context path, or empty when {@code candidate} is not one. Path parameters
     * such as {@code ;jsessionid=…} are dropped first, so that no session id is ever carried into a Location.
     */
    public static Optional<String> of(String raw) {
        String candidate = raw == null ? null : withoutPathParameters(raw);
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH
                || !ALLOWED.matcher(candidate).matches() || !isPlainPath(candidate)) {
            return Optional.empty();
        }
        String decoded = Decoding.percent(candidate, false);
        if (decoded == null || !isPlainPath(decoded)) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    private static boolean isPlainPath(String s) {
        if (!s.startsWith("/") || s.contains("//") || s.indexOf('\\') >= 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        int query = s.indexOf('?');
        String path = query < 0 ? s : s.substring(0, query);
        return !DOT_SEGMENT.matcher(path).find();
    }

    private static String withoutPathParameters(String s) {
        int query = s.indexOf('?');
        String path = query < 0 ? s : s.substring(0, query);
        if (path.indexOf(';') < 0) {
            return s;
        }
        return PATH_PARAMETER.matcher(path).replaceAll("") + (query < 0 ? "" : s.substring(query));
    }
}
