package io.github.dingtalkauth.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.dingtalkauth.ConfigException;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which language a page is in: Accept-Language with its q-values, the files on the class path, the locale setting. */
class TextsTest {
    private final Texts auto = Texts.create(Texts.AUTO);

    static HttpServletRequest acceptLanguage(String header) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getHeader("Accept-Language")).thenReturn(header);
        return request;
    }

    private String languageFor(String header) {
        return auto.forRequest(acceptLanguage(header)).language();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh", "zh-CN", "zh-cn", "zh-Hans", "zh-Hans-CN", "zh-SG", "zh-CN,zh;q=0.9,en;q=0.8"})
    void simplifiedChineseRangesGetSimplifiedChinese(String header) {
        assertEquals("zh-CN", languageFor(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-TW", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-TW", "zh-TW, en;q=0.5"})
    void traditionalChineseWithoutItsOwnFileGetsSimplifiedChinese(String header) {
        assertEquals("zh-CN", languageFor(header));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zh-CN;q=0.5, en;q=0.9 | en",
        "en;q=0.4, zh;q=0.6 | zh-CN",
        "en-US;q=0.8, zh | zh-CN",
        "fr, zh;q=0.1 | zh-CN",
        "zh;q=0, en | en",
        "zh;q=0.000, en;q=0.001 | en",
        "en, zh | en",
        "zh, en | zh-CN",
        "zh;q=abc, en;q=0.2 | en",
        "zh;q=2, en;q=0.2 | en"})
    void qValuesChooseTheMostWantedLanguageThatHasAFile(String header, String language) {
        assertEquals(language, languageFor(header));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"fr-FR, de;q=0.9", "*", ";;;,,", "x-klingon", "12-34", "en-GB"})
    void noUsableLanguageGivesEnglish(String header) {
        assertEquals("en", languageFor(header));
    }

    @Test
    void aThirdLanguageFromAFileOnTheClassPathAppearsWithoutCode() {
        Messages japanese = auto.forRequest(acceptLanguage("ja-JP,ja;q=0.9,en;q=0.8"));
        assertAll(() -> assertEquals("ja", japanese.language()),
                () -> assertEquals("サインインが完了しませんでした", japanese.text("page.failure.title")));
    }

    @Test
    void aKeyTheThirdLanguageLacksComesFromEnglish() {
        Messages japanese = auto.forRequest(acceptLanguage("ja"));
        assertEquals("Cancel", japanese.text("page.signOut.cancel"));
    }

    @Test
    void aKeyNoFileHasIsEmptyNeverItsName() {
        assertEquals("", auto.forRequest(acceptLanguage("zh-CN")).text("page.noSuchKey"));
    }

    @Test
    void theLanguageOfTheHeaderIsNegotiatedSoThePageVariesOnIt() {
        assertAll(() -> assertTrue(auto.forRequest(acceptLanguage("zh")).negotiated()),
                () -> assertTrue(auto.forRequest(acceptLanguage(null)).negotiated(), "English chosen by its absence"));
    }

    @ParameterizedTest
    @CsvSource({"zh-CN, zh-CN", "zh, zh-CN", "zh_CN, zh-CN", "en, en", "ja, ja"})
    void theLocaleSettingForcesOneLanguageWhateverTheHeader(String locale, String language) {
        Messages forced = Texts.create(locale).forRequest(acceptLanguage("fr, en;q=0.5, zh;q=0.4, ja;q=0.3"));
        assertAll(() -> assertEquals(language, forced.language()),
                () -> assertFalse(forced.negotiated(), "a forced language does not vary"));
    }

    @Test
    void forcingALanguageWithoutAFileRefusesToStart() {
        ConfigException e = assertThrows(ConfigException.class, () -> Texts.create("fr"));
        assertTrue(e.getMessage().contains("dingtalk-auth/messages_fr.properties"), e.getMessage());
    }

    @Test
    void eachLanguageIsReadOnceAndThenRemembered() {
        assertSame(auto.forRequest(acceptLanguage("ja")), auto.forRequest(acceptLanguage("ja-JP")));
        assertSame(auto.forRequest(acceptLanguage("zh")), auto.forRequest(acceptLanguage("zh-Hans")));
    }
}
