package io.github.dingtalkauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where settings come from: init-params over a properties file over the defaults, and how the file is found. */
class ConfigLoaderTest {
    static final String SECRET = DingTalkConfigTest.SECRET;
    static final UnaryOperator<String> NONE = name -> null;
    static final ConfigLoader.WebResources NO_WEB_RESOURCES = path -> null;

    @TempDir
    Path dir;

    Path file(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    static Map<String, String> params(String... pairs) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    static DingTalkConfig load(Map<String, String> params) {
        return ConfigLoader.load("dingtalk", params, NO_WEB_RESOURCES, NONE, NONE);
    }

    @Test
    void initParamWinsOverFileWhichWinsOverDefault() throws IOException {
        Path file = file("dingtalk.properties", "appId=from-file\nappSecret=" + SECRET + "\nlabel=File label\n");
        DingTalkConfig config = load(params("configFile", file.toString(), "appId", "from-param"));
        assertEquals("from-param", config.appId());
        assertEquals("File label", config.get(Settings.LABEL));
        assertEquals(SECRET, config.appSecret());
        assertEquals("/dingtalk/login", config.loginPath());
    }

    @Test
    void configFileInitParamMayUsePlaceholders() throws IOException {
        file("from-env.properties", "appId=from-placeholder\nappSecret=s\n");
        Map<String, String> params = params("configFile", "${env:CONF_DIR}/from-env.properties");
        UnaryOperator<String> env = name -> name.equals("CONF_DIR") ? dir.toString() : null;
        DingTalkConfig config = ConfigLoader.load("dingtalk", params, NO_WEB_RESOURCES, env, NONE);
        assertEquals("from-placeholder", config.appId());
    }

    @Test
    void configFileNamedBySystemPropertyIsRead() throws IOException {
        Path file = file("sys.properties", "appId=from-sys-file\nappSecret=s\n");
        DingTalkConfig config = ConfigLoader.load("dingtalk", Map.of(), NO_WEB_RESOURCES, NONE,
                name -> name.equals("dingtalk.configFile") ? file.toString() : null);
        assertEquals("from-sys-file", config.appId());
    }

    @Test
    void configFileNamedByEnvironmentIsRead() throws IOException {
        Path file = file("env.properties", "appId=from-env-file\nappSecret=s\n");
        DingTalkConfig config = ConfigLoader.load("dingtalk", Map.of(), NO_WEB_RESOURCES,
                name -> name.equals("DINGTALK_CONFIG_FILE") ? file.toString() : null, NONE);
        assertEquals("from-env-file", config.appId());
    }

    @Test
    void initParamConfigFileWinsOverSystemPropertyWhichWinsOverEnvironment() throws IOException {
        Path byParam = file("param.properties", "appId=param\nappSecret=s\n");
        Path bySys = file("sys.properties", "appId=sys\nappSecret=s\n");
        Path byEnv = file("env.properties", "appId=env\nappSecret=s\n");
        UnaryOperator<String> env = name -> name.equals("DINGTALK_CONFIG_FILE") ? byEnv.toString() : null;
        UnaryOperator<String> sys = name -> name.equals("dingtalk.configFile") ? bySys.toString() : null;
        assertEquals("param", ConfigLoader.load("f", params("configFile", byParam.toString()), NO_WEB_RESOURCES,
                env, sys).appId());
        assertEquals("sys", ConfigLoader.load("f", Map.of(), NO_WEB_RESOURCES, env, sys).appId());
        assertEquals("env", ConfigLoader.load("f", Map.of(), NO_WEB_RESOURCES, env, NONE).appId());
    }

    @Test
    void classpathConfigFileIsReadThroughTheContextClassLoader() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes/conf"));
        Files.writeString(classes.resolve("dingtalk.properties"), "appId=from-classpath\nappSecret=s\n");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, null)) {
            Thread.currentThread().setContextClassLoader(loader);
            assertEquals("from-classpath", load(params("configFile", "classpath:conf/dingtalk.properties")).appId());
            assertEquals("from-classpath", load(params("configFile", "classpath:/conf/dingtalk.properties")).appId());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void webInfConfigFileIsReadThroughTheServletContext() {
        List<String> asked = new ArrayList<>();
        ConfigLoader.WebResources web = path -> {
            asked.add(path);
            return path.equals("/WEB-INF/dingtalk.properties")
                    ? new ByteArrayInputStream("appId=from-webinf\nappSecret=s\n".getBytes(StandardCharsets.UTF_8))
                    : null;
        };
        DingTalkConfig config = ConfigLoader.load("dingtalk", params("configFile", "/WEB-INF/dingtalk.properties"),
                web, NONE, NONE);
        assertEquals("from-webinf", config.appId());
        assertEquals(List.of("/WEB-INF/dingtalk.properties"), asked);
    }

    @Test
    void missingWebInfConfigFileFailsNamingItAndWhoNamedIt() {
        String message = assertThrows(ConfigException.class, () -> load(params("configFile",
                "/WEB-INF/missing.properties", "appId", "a", "appSecret", SECRET))).getMessage();
        assertTrue(message.contains("/WEB-INF/missing.properties"), message);
        assertTrue(message.contains("init-param 'configFile'") && message.contains("does not exist"), message);
    }

    @Test
    void missingFileNamedByEnvironmentFailsNamingTheVariable() {
        String missing = dir.resolve("nope.properties").toString();
        String message = assertThrows(ConfigException.class, () -> ConfigLoader.load("dingtalk",
                params("appId", "a", "appSecret", SECRET), NO_WEB_RESOURCES,
                name -> name.equals("DINGTALK_CONFIG_FILE") ? missing : null, NONE)).getMessage();
        assertTrue(message.contains(missing) && message.contains("environment variable DINGTALK_CONFIG_FILE"),
                message);
    }

    @Test
    void missingClasspathConfigFileFails() {
        String message = assertThrows(ConfigException.class,
                () -> load(params("configFile", "classpath:no/such/dingtalk.properties"))).getMessage();
        assertTrue(message.contains("classpath:no/such/dingtalk.properties") && message.contains("does not exist"),
                message);
    }

    @Test
    void unresolvedPlaceholderInConfigFileNamesTheVariable() {
        String message = assertThrows(ConfigException.class,
                () -> load(params("configFile", "${env:CONF}/x.properties"))).getMessage();
        assertTrue(message.contains("'configFile'") && message.contains("environment variable CONF"), message);
    }

    @Test
    void fileIsReadAsUtf8SoAChineseLabelSurvives() throws IOException {
        Path file = file("zh.properties", "appId=a\nappSecret=s\nlabel=钉钉登录\n");
        assertEquals("钉钉登录", load(params("configFile", file.toString())).get(Settings.LABEL));
    }

    @Test
    void unknownKeyInTheFileNamesTheFileAndWhoNamedIt() throws IOException {
        Path file = file("typo.properties", "appId=a\nappSecret=s\nrequestTimout=5s\n");
        String message = assertThrows(ConfigException.class,
                () -> load(params("configFile", file.toString()))).getMessage();
        assertTrue(message.contains("unknown setting 'requestTimout' in file " + file), message);
        assertTrue(message.contains("named by init-param 'configFile'"), message);
    }

    @Test
    void malformedValueInTheFileNamesKeyAndFile() throws IOException {
        Path file = file("bad.properties", "appId=a\nappSecret=" + SECRET + "\nstateTtl=ten minutes\n");
        String message = assertThrows(ConfigException.class,
                () -> load(params("configFile", file.toString()))).getMessage();
        assertTrue(message.contains("setting 'stateTtl' in file " + file), message);
        assertFalse(message.contains(SECRET), message);
    }

    @Test
    void placeholdersInTheFileAreExpanded() throws IOException {
        Path file = file("ph.properties", "appId=a\nappSecret=${env:DINGTALK_APP_SECRET}\nstateTtl=${env:TTL:-2m}\n");
        DingTalkConfig config = ConfigLoader.load("dingtalk", params("configFile", file.toString()), NO_WEB_RESOURCES,
                name -> name.equals("DINGTALK_APP_SECRET") ? "env-secret" : null, NONE);
        assertEquals("env-secret", config.appSecret());
        assertEquals(Duration.ofMinutes(2), config.stateTtl());
    }

    @Test
    void configFileIsNotAllowedInsideTheFile() throws IOException {
        Path file = file("nested.properties", "appId=a\nappSecret=s\nconfigFile=/etc/other.properties\n");
        String message = assertThrows(ConfigException.class,
                () -> load(params("configFile", file.toString()))).getMessage();
        assertTrue(message.contains("unknown setting 'configFile'"), message);
    }

    @Test
    void malformedUnicodeEscapeInTheFileFailsCleanly() throws IOException {
        Path file = file("broken.properties", "appId=a\nappSecret=s\nlabel=\\uZZZZ\n");
        String message = assertThrows(ConfigException.class,
                () -> load(params("configFile", file.toString()))).getMessage();
        assertTrue(message.contains("cannot be read"), message);
    }
}
