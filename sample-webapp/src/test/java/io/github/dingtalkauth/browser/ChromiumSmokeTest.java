package io.github.dingtalkauth.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.testing.Chromium;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The browser harness itself: Debian's Chromium starts, runs a page's script and announces the agent asked for. */
class ChromiumSmokeTest {

    @Test
    void chromiumRunsScriptsAndAnnouncesTheDingTalkAgent() throws Exception {
        try (Chromium chromium = Chromium.start(Chromium.DINGTALK_USER_AGENT)) {
            chromium.driver().get("data:text/html,<title>t</title><p id=p></p>"
                    + "<script>document.getElementById('p').textContent=navigator.userAgent</script>");
            String agent = chromium.driver().findElement(org.openqa.selenium.By.id("p")).getText();
            assertEquals(Chromium.DINGTALK_USER_AGENT, agent);
            assertTrue(Files.size(chromium.screenshot("smoke")) > 0);
        }
    }
}
