package io.github.dingtalkauth.config;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${env:NAME}}, {@code ${sys:NAME}} and {@code ${env:NAME:-default}} so that secrets can stay out of
 * {@code web.xml}. Anything else that looks like a placeholder is an error rather than a literal, because a typo such
 * as {@code ${ENV:SECRET}} would otherwise become the secret itself.
 */
final class Placeholders {
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\$\\{(env|sys):([A-Za-z_][A-Za-z0-9_.\\-]*)(?::-([^}]*))?}");

    private final UnaryOperator<String> env;
    private final UnaryOperator<String> sys;

    Placeholders(UnaryOperator<String> env, UnaryOperator<String> sys) {
        this.env = env;
        this.sys = sys;
    }

    /** @throws IllegalArgumentException naming the variable (never its value) when it cannot be resolved */
    String expand(String raw) {
        Matcher m = PLACEHOLDER.matcher(raw);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String literal = raw.substring(last, m.start());
            checkNoStrayPlaceholder(literal);
            out.append(literal);
            boolean fromEnv = m.group(1).equals("env");
            String name = m.group(2);
            String value = fromEnv ? env.apply(name) : sys.apply(name);
            if (value == null) {
                value = m.group(3);
            }
            if (value == null) {
                throw new IllegalArgumentException((fromEnv ? "environment variable " : "system property ")
                        + name + " is not set");
            }
            out.append(value);
            last = m.end();
        }
        String tail = raw.substring(last);
        checkNoStrayPlaceholder(tail);
        return out.append(tail).toString();
    }

    private static void checkNoStrayPlaceholder(String text) {
        if (text.contains("${")) {
            throw new IllegalArgumentException(
                    "unsupported placeholder; use ${env:NAME}, ${sys:NAME} or ${env:NAME:-default}");
        }
    }
}
