package io.github.dingtalkauth.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code Accept-Language} and names the messages files that could answer each language in it. Parsed by hand,
 * entry by entry, so that one odd entry costs only itself (the JDK's parser rejects the whole header).
 */
final class LanguageTags {
    /** Browsers send a handful; a longer list is noise or an attack, and each entry may cost a class path probe. */
    private static final int MAX_RANGES = 12;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}");
    private static final Pattern QUALITY = Pattern.compile("q=(0(\\.\\d{0,3})?|1(\\.0{0,3})?)");
    /** Where Traditional characters are the norm. */
    private static final Set<String> TRADITIONAL_REGIONS = Set.of("TW", "HK", "MO");

    private LanguageTags() {
    }

    private record Range(String tag, double quality, int position) {
    }

    /** The ranges of the header, lower case, most wanted first (ties in header order); none with q=0, no "*". */
    static List<String> ranges(String header) {
        List<Range> ranges = new ArrayList<>();
        if (header == null) {
            return List.of();
        }
        String[] entries = header.split(",", MAX_RANGES + 1);
        for (int i = 0; i < Math.min(entries.length, MAX_RANGES); i++) {
            String[] parts = entries[i].split(";", -1);
            String tag = parts[0].trim().toLowerCase(Locale.ROOT);
            double quality = parts.length > 1 ? quality(parts[1].trim()) : 1;
            if (quality > 0 && !tag.isEmpty() && !tag.equals("*")) {
                ranges.add(new Range(tag, quality, i));
            }
        }
        ranges.sort(Comparator.comparingDouble(Range::quality).reversed().thenComparingInt(Range::position));
        return ranges.stream().map(Range::tag).toList();
    }

    /** A malformed weight counts as 0: the entry is dropped rather than guessed. */
    private static double quality(String parameter) {
        String compact = parameter.replace(" ", "").toLowerCase(Locale.ROOT);
        return QUALITY.matcher(compact).matches() ? Double.parseDouble(compact.substring(2)) : 0;
    }

    /**
     * The tags of the messages files that may answer {@code range}, best first: {@code ja-jp} → {@code ja-JP},
     * {@code ja}. Chinese: {@code zh}, {@code zh-CN}, {@code zh-Hans*}, {@code zh-SG} → {@code zh-CN}; Traditional
     * ({@code zh-Hant*}, {@code zh-TW}, {@code zh-HK}, {@code zh-MO}) → its region's file, then {@code zh-TW}, and
     * Simplified Chinese when no Traditional file exists (closer to the reader than English).
     */
    static List<String> candidates(String range) {
        String[] parts = range.toLowerCase(Locale.ROOT).split("[-_]");
        String language = parts[0];
        if (!LANGUAGE.matcher(language).matches()) {
            return List.of();
        }
        String region = null;
        String script = null;
        for (int i = 1; i < parts.length; i++) {
            if (region == null && REGION.matcher(parts[i]).matches()) {
                region = parts[i].toUpperCase(Locale.ROOT);
            } else if (script == null && parts[i].length() == 4) {
                script = parts[i];
            }
        }
        if (language.equals("zh")) {
            return chinese(region, script);
        }
        return region == null ? List.of(language) : List.of(language + "-" + region, language);
    }

    private static List<String> chinese(String region, String script) {
        boolean inTraditionalRegion = region != null && TRADITIONAL_REGIONS.contains(region);
        boolean traditional = "hant".equals(script) || (script == null && inTraditionalRegion);
        if (!traditional) {
            return List.of("zh-CN");
        }
        if (!inTraditionalRegion || region.equals("TW")) {
            return List.of("zh-TW", "zh-CN");
        }
        return List.of("zh-" + region, "zh-TW", "zh-CN");
    }
}
