package io.github.dingtalkauth.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageTextsTest {

    static Properties file(String name) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = PageTexts.class.getResourceAsStream(name)) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "zh-CN,zh;q=0.9 | zh-CN", "zh-TW | zh-CN", "en;q=0.5, zh | zh-CN", "en, zh | en", "zh;q=0, en | en",
        "fr | en", "NONE | en", "not a header!! | en"})
    void theLanguageFollowsAcceptLanguage(String header, String language) {
        assertEquals(language, PageTexts.forHeader(header).language());
    }

    @Test
    void chineseHasEveryKeyOfEnglishInItsOwnWords() throws IOException {
        Properties english = file("pages.properties");
        Properties chinese = file("pages_zh_CN.properties");
        assertEquals(english.stringPropertyNames(), chinese.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            assertNotEquals(english.getProperty(key), chinese.getProperty(key), key);
        }
    }

    @Test
    void theBundleIsReadAsUtf8() {
        assertEquals("拒绝", PageTexts.forHeader("zh").get("consent.deny"));
    }
}
