package io.github.dingtalkauth.sample;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of the sample's pages in the reader's language: Simplified Chinese when the first Chinese or English
 * language the browser lists is Chinese, else English ({@code pages.properties}, the fallback of every key).
 */
final class Texts {
    private static final String BUNDLE = "io.github.dingtalkauth.sample.pages";
    private static final ResourceBundle.Control NO_SYSTEM_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final String language;

    private Texts(Locale locale) {
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, Texts.class.getClassLoader(), NO_SYSTEM_LOCALE);
        this.language = locale.toLanguageTag();
    }

    /** The container has parsed {@code Accept-Language} and ordered it by q; without the header it gives its own. */
    static Texts of(HttpServletRequest req) {
        if (req.getHeader("Accept-Language") != null) {
            for (Locale wanted : Collections.list(req.getLocales())) {
                if (wanted.getLanguage().equals("zh")) {
                    return new Texts(Locale.SIMPLIFIED_CHINESE);
                }
                if (wanted.getLanguage().equals("en")) {
                    break;
                }
            }
        }
        return new Texts(Locale.ENGLISH);
    }

    /** {@code zh-CN} or {@code en}, for {@code <html lang>}. */
    String language() {
        return language;
    }

    /** The text, escaped for HTML. */
    String get(String key) {
        return Html.escape(bundle.getString(key));
    }

    /** The text, escaped, with {@code {name}} replaced by {@code markup} (which the caller has escaped). */
    String get(String key, String name, String markup) {
        return get(key).replace("{" + name + "}", markup);
    }
}
