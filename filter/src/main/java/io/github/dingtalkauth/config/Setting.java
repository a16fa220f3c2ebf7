package io.github.dingtalkauth.config;

import java.util.function.Function;

/**
 * One configuration key: its name (the same in {@code web.xml} and in the properties file), how its text becomes a
 * typed value, its default and its documentation. {@link Settings} lists every one of them.
 */
public final class Setting<T> {
    private final String name;
    private final T defaultValue;
    private final String defaultText;
    private final Function<String, T> parser;
    private final String doc;
    private final boolean secret;
    private final boolean required;

    private Setting(String name, String defaultText, Function<String, T> parser, String doc, boolean secret,
                    boolean required) {
        this.name = name;
        this.defaultText = defaultText;
        this.parser = parser;
        this.doc = doc;
        this.secret = secret;
        this.required = required;
        this.defaultValue = defaultText == null ? null : parser.apply(defaultText);
    }

    static <T> Setting<T> optional(String name, String defaultText, Function<String, T> parser, String doc) {
        return new Setting<>(name, defaultText, parser, doc, false, false);
    }

    static <T> Setting<T> required(String name, Function<String, T> parser, String doc) {
        return new Setting<>(name, null, parser, doc, false, true);
    }

    static <T> Setting<T> requiredSecret(String name, Function<String, T> parser, String doc) {
        return new Setting<>(name, null, parser, doc, true, true);
    }

    public String name() {
        return name;
    }

    /** The default as it would be written in a properties file, or null when there is none. */
    public String defaultText() {
        return defaultText;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    public boolean isSecret() {
        return secret;
    }

    public boolean isRequired() {
        return required;
    }

    /** @throws IllegalArgumentException with a message that never quotes the value */
    T parse(String text) {
        return parser.apply(text);
    }

    @Override
    public String toString() {
        return name;
    }
}
