package io.github.dingtalkauth.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The callback's parameters, read from the query string only and decoded strictly. {@code getParameter} would hide
 * a repeated {@code state}, merge form fields of a POST, and silently replace broken UTF-8; here each of those is an
 * error the caller can refuse.
 */
public final class QueryParameters {
    /** Longer than any real callback: two 43-character values plus a code of a few dozen characters. */
    static final int MAX_QUERY_LENGTH = 4096;

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** The parsed query, or null when it is too long or its encoding is broken. */
    public static QueryParameters parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParameters(values);
        }
        if (rawQuery.length() > MAX_QUERY_LENGTH) {
            return null;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = Decoding.percent(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = Decoding.percent(eq < 0 ? "" : pair.substring(eq + 1), true);
            if (name == null || value == null) {
                return null;
            }
            values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return new QueryParameters(values);
    }

    /** The single value of a parameter; null if absent. Check {@link #isRepeated} first. */
    public String get(String name) {
        List<String> list = values.get(name);
        return list == null ? null : list.get(0);
    }

    public boolean isRepeated(String name) {
        List<String> list = values.get(name);
        return list != null && list.size() > 1;
    }
}
