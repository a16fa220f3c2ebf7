package io.github.dingtalkauth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher hands the filter its settings in code: from the user's file, with no copy and no global state. */
class LauncherSettingsTest {
    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        Path file = dir.resolve("dingtalk.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theUsersFileReachesTheFilterWithoutSettingASystemProperty() throws Exception {
        Path file = file("label=来自文件 From the file\nexcludePaths=/\n");
        try (SampleServer server = SampleServer.builder().port(0).configFile(file).start()) {
            Browser.Response home = new Browser(server.baseUri()).navigate("/");
            assertEquals(200, home.status());
            assertTrue(home.body().contains("来自文件 From the file"), home.body());
            assertNull(System.getProperty("dingtalk.configFile"));
        }
    }

    @Test
    void aTypoInTheUsersFileStopsTheStartNamingTheFileAndTheKeyMeant() throws Exception {
        Path file = file("lable=x\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SampleServer.builder().port(0).configFile(file).start().close());
        assertTrue(e.getMessage().contains("unknown setting 'lable' in file " + file + "; did you mean 'label'?"),
                e.getMessage());
    }
}
