package io.github.dingtalkauth.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code role.<name>=<source>, <source>, …} rules: a person has role {@code name} when any of its sources
 * matches them. Sources: {@code member}, {@code dingtalkAdmin}, {@code boss}, {@code leader}, {@code userId:…},
 * {@code unionId:…}, {@code dept:…}, {@code dingtalkRole:…}, {@code corpId:…}. Immutable once parsed.
 */
public final class RoleRules {
    public static final String PREFIX = "role.";

    static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,63}");
    private static final RoleRules NONE = new RoleRules(Map.of());

    private final Map<String, List<RoleSource>> rules;

    private RoleRules(Map<String, List<RoleSource>> rules) {
        this.rules = rules;
    }

    public static RoleRules none() {
        return NONE;
    }

    /**
     * Reads every entry whose key starts with {@code role.}; other entries are ignored, so all settings can be passed.
     *
     * @throws IllegalArgumentException naming the key of the first malformed rule
     */
    public static RoleRules parse(Map<String, String> entries) {
        Map<String, List<RoleSource>> rules = new TreeMap<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(PREFIX)) {
                rules.put(roleName(key, key.substring(PREFIX.length())), sources(key, entry.getValue()));
            }
        }
        return rules.isEmpty() ? NONE : new RoleRules(Collections.unmodifiableMap(rules));
    }

    static String roleName(String key, String name) {
        if (!ROLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("setting '" + key + "': '" + name + "' is not a role name"
                    + " (letters, digits, _ . -; at most 64 characters, not starting with . or -)");
        }
        return name;
    }

    private static List<RoleSource> sources(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("setting '" + key + "' names no source (e.g. " + key + "=member)");
        }
        List<RoleSource> sources = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException("setting '" + key + "' has an empty source between commas");
            }
            try {
                sources.add(RoleSource.parse(item.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting '" + key + "': " + e.getMessage());
            }
        }
        return List.copyOf(sources);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The roles these rules define. */
    public Set<String> roleNames() {
        return rules.keySet();
    }

    /** The roles {@code subject} has: an immutable, serializable set, small enough to store with the principal. */
    public Set<String> rolesFor(RoleSubject subject) {
        List<String> granted = new ArrayList<>();
        rules.forEach((role, sources) -> {
            if (sources.stream().anyMatch(source -> source.matches(subject))) {
                granted.add(role);
            }
        });
        return Set.copyOf(granted);
    }

    /** The rules as they would be written, for a start-up log line. */
    @Override
    public String toString() {
        Map<String, String> text = new LinkedHashMap<>();
        rules.forEach((role, sources) -> text.put(PREFIX + role, String.join(", ",
                sources.stream().map(RoleSource::toString).toList())));
        return text.toString();
    }
}
