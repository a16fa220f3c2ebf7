package io.github.dingtalkauth.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Decoded parameters of a query string or a form body, keeping repeats so that they can be refused. */
final class Params {

    private final Map<String, List<String>> values;

    private Params(Map<String, List<String>> values) {
        this.values = values;
    }

    /** @throws IllegalArgumentException on a broken percent-escape */
    static Params parse(String raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        values.replaceAll((name, list) -> List.copyOf(list));
        return new Params(Map.copyOf(values));
    }

    /** Like {@link #parse}, but a broken query counts as no parameters at all. */
    static Params parseOrEmpty(String raw) {
        try {
            return parse(raw);
        } catch (IllegalArgumentException e) {
            return new Params(Map.of());
        }
    }

    void forEachFirst(BiConsumer<String, String> action) {
        values.forEach((name, list) -> action.accept(name, list.get(0)));
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    boolean repeated(String name) {
        return values.getOrDefault(name, List.of()).size() > 1;
    }

    Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
