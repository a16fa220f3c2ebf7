package io.github.dingtalkauth.web;

import java.util.Map;

/**
 * The texts of one language for one page. A key this language lacks is taken from English; a key English lacks
 * too gives an empty text, never the key ({@code MessageKeysTest} keeps that from happening).
 */
public final class Messages {
    private final String language;
    private final Map<String, String> texts;
    private final Map<String, String> english;
    private final boolean negotiated;

    Messages(String language, Map<String, String> texts, Map<String, String> english, boolean negotiated) {
        this.language = language;
        this.texts = Map.copyOf(texts);
        this.english = english;
        this.negotiated = negotiated;
    }

    /** The language tag of the texts, such as {@code zh-CN}, for {@code <html lang>}. */
    public String language() {
        return language;
    }

    public String text(String key) {
        String text = texts.get(key);
        if (text == null) {
            text = english.get(key);
        }
        return text == null ? "" : text;
    }

    Map<String, String> texts() {
        return texts;
    }

    /** True when {@code Accept-Language} chose the language, so the answer must say {@code Vary} on it. */
    boolean negotiated() {
        return negotiated;
    }
}
