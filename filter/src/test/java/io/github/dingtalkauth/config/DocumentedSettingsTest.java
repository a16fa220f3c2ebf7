package io.github.dingtalkauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README's settings table and conf/dingtalk.properties document exactly the keys the filter knows. */
class DocumentedSettingsTest {
    static final Pattern TABLE_KEY = Pattern.compile("^\\| `([A-Za-z]+)` \\|", Pattern.MULTILINE);
    static final Pattern PROPERTY_KEY = Pattern.compile("^#?([A-Za-z]+)=", Pattern.MULTILINE);

    /** The repository root: the filter's tests run in filter/. */
    static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("conf/dingtalk.properties"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no conf/dingtalk.properties above " + Path.of("").toAbsolutePath());
    }

    static Set<String> known() {
        Set<String> names = new TreeSet<>();
        Settings.ALL.forEach(s -> names.add(s.name()));
        return names;
    }

    static Set<String> matches(Pattern pattern, String text) {
        Set<String> keys = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    @Test
    void theReadmeTableListsEveryKeyAndNoOther() throws IOException {
        String readme = Files.readString(repository().resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("| key | default | meaning |");
        assertTrue(start >= 0, "README has no settings table");
        int end = readme.indexOf("\n\n", start);
        Set<String> expected = known();
        expected.add(Settings.CONFIG_FILE.name());
        assertEquals(expected, matches(TABLE_KEY, readme.substring(start, end)));
    }

    @Test
    void theExamplePropertiesFileShowsEveryKeyAndNoOther() throws IOException {
        String file = Files.readString(repository().resolve("conf/dingtalk.properties"), StandardCharsets.UTF_8);
        assertEquals(known(), matches(PROPERTY_KEY, file));
    }
}
