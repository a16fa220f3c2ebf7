package io.github.dingtalkauth.emulator;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of the emulator's pages, in Simplified Chinese or English as the browser's {@code Accept-Language} asks
 * ({@code pages.properties} is English and the fallback of every key, {@code pages_zh_CN.properties} Chinese).
 */
final class PageTexts {
    private static final String BUNDLE = "io.github.dingtalkauth.emulator.pages";
    private static final ResourceBundle.Control NO_SYSTEM_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final String language;

    private PageTexts(Locale locale) {
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, PageTexts.class.getClassLoader(), NO_SYSTEM_LOCALE);
        this.language = locale.toLanguageTag();
    }

    static PageTexts of(RecordedRequest request) {
        return forHeader(request.header("accept-language").orElse(null));
    }

    /** Chinese for the first wanted range that is Chinese, English for English, a malformed header or none. */
    static PageTexts forHeader(String acceptLanguage) {
        List<Locale.LanguageRange> ranges;
        try {
            ranges = acceptLanguage == null ? List.of() : Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            ranges = List.of();
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() > 0 && range.getRange().startsWith("zh")) {
                return new PageTexts(Locale.SIMPLIFIED_CHINESE);
            }
            if (range.getWeight() > 0 && range.getRange().startsWith("en")) {
                break;
            }
        }
        return new PageTexts(Locale.ENGLISH);
    }

    /** The tag for {@code <html lang>}: {@code zh-CN} or {@code en}. */
    String language() {
        return language;
    }

    String get(String key) {
        return bundle.getString(key);
    }
}
