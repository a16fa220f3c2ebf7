package io.github.dingtalkauth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LanguageTagsTest {

    @Test
    void rangesAreOrderedByQualityThenByTheirPlaceInTheHeader() {
        assertEquals(List.of("de", "zh-cn", "fr", "en"),
                LanguageTags.ranges("en;q=0.1, fr;q=0.5, zh-CN;q=0.8, de"));
        assertEquals(List.of("zh", "en"), LanguageTags.ranges("zh ; q=0.7, en;q=0.7"));
    }

    @Test
    void zeroWeightsWildcardsAndMalformedWeightsAreDropped() {
        assertEquals(List.of("en"), LanguageTags.ranges("ja;q=0, *, fr;q=1.5, de;q=-1, en"));
    }

    @Test
    void onlyTheFirstDozenRangesCount() {
        String header = IntStream.range(0, 30).mapToObj(i -> "x" + i).collect(Collectors.joining(","));
        assertEquals(12, LanguageTags.ranges(header).size());
    }

    @Test
    void aRangeWithARegionTriesTheRegionThenTheLanguage() {
        assertEquals(List.of("ja-JP", "ja"), LanguageTags.candidates("ja-jp"));
        assertEquals(List.of("de"), LanguageTags.candidates("de"));
        assertEquals(List.of(), LanguageTags.candidates("x-klingon"));
    }

    @Test
    void traditionalChineseTriesItsRegionThenTaiwanThenSimplified() {
        assertEquals(List.of("zh-HK", "zh-TW", "zh-CN"), LanguageTags.candidates("zh-hk"));
        assertEquals(List.of("zh-TW", "zh-CN"), LanguageTags.candidates("zh-hant"));
        assertEquals(List.of("zh-CN"), LanguageTags.candidates("zh-hans-hk"));
    }
}
