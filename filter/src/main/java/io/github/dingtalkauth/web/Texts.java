package io.github.dingtalkauth.web;

import io.github.dingtalkauth.ConfigException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The languages of the filter's pages: {@link #forRequest} picks one per request from {@code Accept-Language}, or
 * the one the {@code locale} setting forces. Each messages file is read once, on the first page that wants it; a
 * signed-in request never comes here.
 */
public final class Texts {
    public static final String AUTO = "auto";
    static final String ENGLISH = "en";
    /** Bounds what a stream of made-up languages can make this remember; past it, unknown ones are probed again. */
    private static final int MAX_REMEMBERED = 64;

    private final ClassLoader application;
    private final Map<String, Optional<Messages>> byTag = new ConcurrentHashMap<>();
    private final Messages english;
    private final Messages forced;

    private Texts(ClassLoader application, String locale) {
        this.application = application;
        Map<String, String> englishTexts = MessageFiles.load(ENGLISH, application);
        if (englishTexts == null) {
            throw new IllegalStateException(MessageFiles.name(ENGLISH) + " is missing from the filter's jar");
        }
        boolean negotiated = locale.equals(AUTO);
        this.english = new Messages(ENGLISH, englishTexts, englishTexts, negotiated);
        byTag.put(ENGLISH, Optional.of(english));
        this.forced = negotiated ? null : forcedLanguage(locale);
    }

    /**
     * @param locale {@value #AUTO} or the language tag every page uses
     * @throws ConfigException when no messages file answers the forced language
     */
    public static Texts create(String locale) {
        return new Texts(Thread.currentThread().getContextClassLoader(), locale);
    }

    private Messages forcedLanguage(String locale) {
        for (String tag : LanguageTags.candidates(locale)) {
            Optional<Messages> messages = find(tag);
            if (messages.isPresent()) {
                return messages.get();
            }
        }
        throw new ConfigException("setting 'locale': no messages file for '" + locale + "' on the class path (expected "
                + MessageFiles.name(locale) + ")");
    }

    /** The texts in the language this request's reader wants; English when none of theirs has a file. */
    public Messages forRequest(HttpServletRequest request) {
        if (forced != null) {
            return forced;
        }
        for (String range : LanguageTags.ranges(request.getHeader("Accept-Language"))) {
            for (String tag : LanguageTags.candidates(range)) {
                Optional<Messages> messages = find(tag);
                if (messages.isPresent()) {
                    return messages.get();
                }
            }
        }
        return english;
    }

    private Optional<Messages> find(String tag) {
        Optional<Messages> known = byTag.get(tag);
        if (known != null) {
            return known;
        }
        Map<String, String> texts = MessageFiles.load(tag, application);
        Optional<Messages> messages = Optional.ofNullable(texts)
                .map(found -> new Messages(tag, found, english.texts(), english.negotiated()));
        if (byTag.size() < MAX_REMEMBERED || messages.isPresent()) {
            byTag.putIfAbsent(tag, messages);
        }
        return messages;
    }
}
