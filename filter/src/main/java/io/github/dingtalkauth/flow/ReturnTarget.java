package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.web.Decoding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides where a browser may be sent after login. Only a path inside this application passes: it starts with one
 * {@code /}, and neither it nor any further-decoded or NFKC-folded form holds anything a browser could read as another
 * origin ({@code //}, a backslash, a scheme, {@code @} in the first segment, control characters, dot segments).
 * Everything else falls back to the context root, because an open redirect on the callback host can also leak
 * authorization codes (RFC 9700 §4.11.1).
 */
public final class ReturnTarget {
    public static final String ROOT = "/";
    private static final int MAX_LENGTH = 2048;
    private static final int MAX_DECODINGS = 3;
    // RFC 3986 path characters; no '#', no '\\', no spaces, no non-ASCII.
    private static final Pattern ALLOWED = Pattern.compile("/[A-Za-z0-9\\-._~!$&'()*+,;=:@%/]*");
    private static final Pattern PATH_PARAMETER = Pattern.compile(";[^/]*");
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

    private ReturnTarget() {
    }

    /**
     * A validated target relative to the context path, or empty when {@code candidate} is not one. Path parameters
     * such as {@code ;jsessionid=…} are dropped first, so that no session id is ever carried into a Location.
     * The path gets every check; the query string cannot move the browser to another origin, so it is only checked
     * for what could break the Location header ({@code /report?next=https://x}, {@code ?q=100%} and
     * {@code ?q=[1]} are ordinary queries, not attacks).
     */
    public static Optional<String> of(String raw) {
        String candidate = raw == null ? null : withoutPathParameters(raw);
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int queryStart = candidate.indexOf('?');
        String path = queryStart < 0 ? candidate : candidate.substring(0, queryStart);
        if (!isSafePath(path) || queryStart >= 0 && !isHeaderSafeQuery(candidate, queryStart + 1)) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    private static boolean isSafePath(String path) {
        if (!ALLOWED.matcher(path).matches() || !isPlainPath(path)) {
            return false;
        }
        String decoded = Decoding.percent(path, false);
        if (decoded == null) {
            return false;
        }
        // A chain of proxies and frameworks may decode more than once (%252F is a '/' two decodings away), and some
        // URL parsers fold look-alikes (a full-width '／' is a '/' after NFKC): every such form must be plain too.
        for (int round = 0; ; round++) {
            if (!isPlainPath(decoded) || !isPlainPath(Normalizer.normalize(decoded, Normalizer.Form.NFKC))) {
                return false;
            }
            String next = decodeLeniently(decoded);
            if (next.equals(decoded)) {
                return true;
            }
            if (round == MAX_DECODINGS) {
                return false;
            }
            decoded = next;
        }
    }

    /** Visible ASCII only: no CR, LF or other control character, no space, no raw non-ASCII, no fragment. */
    private static boolean isHeaderSafeQuery(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainPath(String s) {
        if (!s.startsWith("/") || s.contains("//") || s.indexOf('\\') >= 0) {
            return false;
        }
        int firstSegmentEnd = 1;
        while (firstSegmentEnd < s.length() && s.charAt(firstSegmentEnd) != '/') {
            firstSegmentEnd++;
        }
        if (s.substring(1, firstSegmentEnd).indexOf('@') >= 0) {
            return false; // "/@evil.test" is one lost slash away from userinfo
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        // Only paths come here, and a '?' that decoding produced is part of the path, not a query.
        return !DOT_SEGMENT.matcher(s).find();
    }

    /** Decodes every well-formed %XX escape once and keeps everything else; broken UTF-8 becomes U+FFFD. */
    private static String decodeLeniently(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            int hi = i + 2 < s.length() && s.charAt(i) == '%' ? Decoding.hexDigit(s.charAt(i + 1)) : -1;
            int lo = hi < 0 ? -1 : Decoding.hexDigit(s.charAt(i + 2));
            if (lo >= 0) {
                out.write(hi << 4 | lo);
                i += 3;
            } else {
                int codePoint = s.codePointAt(i);
                out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
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
