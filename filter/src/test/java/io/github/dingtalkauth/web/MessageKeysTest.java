package io.github.dingtalkauth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.flow.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every key the filter's code asks for is in English (the fallback of every language) and in Simplified Chinese, so a
 * page never falls back to an empty text; a missing key fails the build here.
 */
class MessageKeysTest {
    /** How pages ask for a text: {@code messages.text("page.signOut.title")}. */
    static final Pattern USE = Pattern.compile("\\.text\\(\"([^\"]+)\"\\)");

    static Map<String, String> file(String tag) {
        Map<String, String> texts = MessageFiles.load(tag, MessageKeysTest.class.getClassLoader());
        assertNotNull(texts, "no " + MessageFiles.name(tag));
        return texts;
    }

    /** The keys the main code names, found in its sources (the filter's tests run in filter/). */
    static Set<String> keysUsed() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = USE.matcher(Files.readString(source, StandardCharsets.UTF_8));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        for (Reason reason : Reason.values()) {
            keys.add(reason.messageKey());
        }
        return keys;
    }

    @Test
    void theSourcesAreFoundAndNameTheirKeys() throws IOException {
        assertTrue(keysUsed().contains("page.signOut.title"), "the scan found nothing: wrong directory?");
    }

    @Test
    void everyKeyTheCodeUsesIsInEnglish() throws IOException {
        Set<String> missing = new TreeSet<>(keysUsed());
        missing.removeAll(file("en").keySet());
        assertEquals(Set.of(), missing, "keys missing from " + MessageFiles.name("en"));
    }

    @Test
    void everyKeyTheCodeUsesIsInSimplifiedChinese() throws IOException {
        Set<String> missing = new TreeSet<>(keysUsed());
        missing.removeAll(file("zh-CN").keySet());
        assertEquals(Set.of(), missing, "keys missing from " + MessageFiles.name("zh-CN"));
    }

    @Test
    void englishAndChineseHaveTheSameKeysAndNoneUnused() throws IOException {
        assertEquals(file("en").keySet(), file("zh-CN").keySet());
        assertEquals(keysUsed(), new TreeSet<>(file("en").keySet()), "a key no code uses");
    }

    @Test
    void everyChineseTextIsItsOwnAndNotEmpty() {
        Map<String, String> english = file("en");
        file("zh-CN").forEach((key, chinese) -> {
            assertFalse(chinese.isBlank(), key);
            assertFalse(english.get(key).isBlank(), key);
            assertNotEquals(english.get(key), chinese, "untranslated: " + key);
        });
    }
}
