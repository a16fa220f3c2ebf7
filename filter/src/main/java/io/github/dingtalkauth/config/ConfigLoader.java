package io.github.dingtalkauth.config;

import io.github.dingtalkauth.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Layers the filter's init-params over an optional properties file over the defaults. The file is named by the
 * {@code configFile} init-param, else {@code -Ddingtalk.configFile}, else {@code DINGTALK_CONFIG_FILE}.
 */
public final class ConfigLoader {

    /** Opens a resource of the web application such as {@code /WEB-INF/dingtalk.properties}, or returns null. */
    @FunctionalInterface
    public interface WebResources {
        InputStream open(String path) throws IOException;
    }

    private ConfigLoader() {
    }

    public static DingTalkConfig load(String filterName, Map<String, String> initParams, WebResources webResources,
                                      UnaryOperator<String> env, UnaryOperator<String> sys) {
        Map<String, String> params = new LinkedHashMap<>(initParams);
        String fileParam = params.remove(Settings.CONFIG_FILE.name());
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(new ConfigSource("init-param of filter '" + filterName + "'", params));

        String location;
        String namedBy;
        if (fileParam != null) {
            namedBy = "init-param 'configFile'";
            try {
                location = new Placeholders(env, sys).expand(fileParam).trim();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("DingTalk login is misconfigured:\n  - setting 'configFile' in init-param"
                        + " of filter '" + filterName + "': " + e.getMessage());
            }
        } else if (sys.apply(Settings.CONFIG_FILE_PROPERTY) != null) {
            namedBy = "system property " + Settings.CONFIG_FILE_PROPERTY;
            location = sys.apply(Settings.CONFIG_FILE_PROPERTY).trim();
        } else if (env.apply(Settings.CONFIG_FILE_ENV) != null) {
            namedBy = "environment variable " + Settings.CONFIG_FILE_ENV;
            location = env.apply(Settings.CONFIG_FILE_ENV).trim();
        } else {
            namedBy = null;
            location = "";
        }
        if (!location.isEmpty()) {
            sources.add(new ConfigSource("file " + location + " (named by " + namedBy + ")",
                    readProperties(location, namedBy, webResources)));
        }
        return DingTalkConfig.load(sources, env, sys);
    }

    private static Map<String, String> readProperties(String location, String namedBy, WebResources webResources) {
        try (InputStream in = open(location, webResources)) {
            if (in == null) {
                throw new ConfigException("DingTalk login is misconfigured:\n  - the properties file " + location
                        + " (named by " + namedBy + ") does not exist");
            }
            Properties properties = new Properties();
            // UTF-8, so that a Chinese button label can be written as is.
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> values = new LinkedHashMap<>();
            properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
            return values;
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("DingTalk login is misconfigured:\n  - the properties file " + location
                    + " (named by " + namedBy + ") cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static InputStream open(String location, WebResources webResources) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            name = name.startsWith("/") ? name.substring(1) : name;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return (loader != null ? loader : ConfigLoader.class.getClassLoader()).getResourceAsStream(name);
        }
        if (location.startsWith("/WEB-INF/") || location.startsWith("/META-INF/")) {
            return webResources.open(location);
        }
        Path file = Path.of(location);
        return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
    }
}
