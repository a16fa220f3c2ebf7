package io.github.dingtalkauth.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads {@code dingtalk-auth/messages_<tag>.properties} (UTF-8) from the class path. The folder is not a Java package,
 * so the filter's module never hides it, and a deployer's copy in {@code WEB-INF/classes} is seen whether the
 * filter's jar sits in {@code WEB-INF/lib} or in the container's shared lib. Plain properties rather than
 * {@code ResourceBundle}, whose lookups from a named module do not see the application's class path.
 */
final class MessageFiles {
    static final String FOLDER = "dingtalk-auth/";
    private static final System.Logger LOG = System.getLogger("io.github.dingtalkauth");

    private MessageFiles() {
    }

    static String name(String tag) {
        return FOLDER + "messages_" + tag.replace('-', '_') + ".properties";
    }

    /**
     * Every copy of the file the application's and the filter's class loaders see, merged; on a key in two copies
     * the one found first wins (the application's classes before the jars). Null when there is no copy.
     */
    static Map<String, String> load(String tag, ClassLoader application) {
        List<URL> copies = copies(name(tag), application, MessageFiles.class.getClassLoader());
        if (copies.isEmpty()) {
            return null;
        }
        Map<String, String> texts = new HashMap<>();
        for (int i = copies.size() - 1; i >= 0; i--) {
            Properties file = read(copies.get(i));
            file.stringPropertyNames().forEach(key -> texts.put(key, file.getProperty(key)));
        }
        return texts;
    }

    private static List<URL> copies(String name, ClassLoader... loaders) {
        Set<URL> found = new LinkedHashSet<>();
        for (ClassLoader loader : loaders) {
            if (loader == null) {
                continue;
            }
            try {
                found.addAll(Collections.list(loader.getResources(name)));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "DingTalk login cannot list " + name + ": " + e);
            }
        }
        return new ArrayList<>(found);
    }

    /** An unreadable copy counts as empty: a page in English beats no page. */
    private static Properties read(URL url) {
        Properties file = new Properties();
        try (InputStream in = url.openStream(); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            file.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "DingTalk login cannot read " + url + ": " + e);
            return new Properties();
        }
        return file;
    }
}
