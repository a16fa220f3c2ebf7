package io.github.dingtalkauth.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code require.<path pattern>=<role>, <role>, …} rules: a signed-in person may open a matching path only with
 * at least one of the listed roles. Patterns are those of {@link PathPatterns} ({@code /exact}, {@code /prefix/*},
 * {@code *.ext}), one per key. When several rules match a path, every one of them applies, so adding a rule never
 * opens a path that another rule closed.
 */
public final class PathRoleRules {
    public static final String PREFIX = "require.";
    private static final PathRoleRules NONE = new PathRoleRules(List.of());

    private record Rule(String key, PathPatterns pattern, Set<String> anyOf) {
    }

    private final List<Rule> rules;

    private PathRoleRules(List<Rule> rules) {
        this.rules = rules;
    }

    public static PathRoleRules none() {
        return NONE;
    }

    /**
     * Reads every entry whose key starts with {@code require.}; other entries are ignored.
     *
     * @param roles the {@code role.} rules, which must define every role named here
     * @throws IllegalArgumentException naming the key of the first malformed rule
     */
    public static PathRoleRules parse(Map<String, String> entries, RoleRules roles) {
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(PREFIX)) {
                rules.add(new Rule(key, pattern(key), roles(key, entry.getValue(), roles)));
            }
        }
        return rules.isEmpty() ? NONE : new PathRoleRules(List.copyOf(rules));
    }

    private static PathPatterns pattern(String key) {
        String pattern = key.substring(PREFIX.length()).trim();
        if (pattern.isEmpty() || pattern.contains(",")) {
            throw new IllegalArgumentException("setting '" + key + "': expected exactly one path pattern after '"
                    + PREFIX + "', e.g. require./admin/*=admin");
        }
        try {
            return PathPatterns.parse(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting '" + key + "': " + e.getMessage());
        }
    }

    private static Set<String> roles(String key, String value, RoleRules defined) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("setting '" + key + "' names no role (e.g. " + key + "=admin)");
        }
        List<String> names = new ArrayList<>();
        if (value.contains("|")) {
            throw new IllegalArgumentException("setting '" + key + "': separate roles with commas, not |");
        }
        for (String item : value.split(",", -1)) {
            String name = RoleRules.roleName(key, item.trim());
            if (!defined.roleNames().contains(name)) {
                throw new IllegalArgumentException("setting '" + key + "': role '" + name
                        + "' is not defined by any " + RoleRules.PREFIX + "… setting");
            }
            names.add(name);
        }
        return Set.copyOf(names);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** For each rule matching {@code path}, the roles of which one is needed; empty when no rule applies. */
    public List<Set<String>> requiredFor(String path) {
        List<Set<String>> required = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.pattern.matches(path)) {
                required.add(rule.anyOf);
            }
        }
        return required;
    }

    /** Whether any rule matches {@code path}. Allocates nothing. */
    public boolean covers(String path) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** Whether someone with {@code roles} may open {@code path}. */
    public boolean permits(String path, Set<String> roles) {
        for (Rule rule : rules) {
            if (rule.pattern.matches(path) && rule.anyOf.stream().noneMatch(roles::contains)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return rules.stream().map(r -> r.key + "=" + String.join(",", r.anyOf)).toList().toString();
    }
}
