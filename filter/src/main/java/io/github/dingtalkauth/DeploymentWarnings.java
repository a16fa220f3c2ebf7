package io.github.dingtalkauth;

import io.github.dingtalkauth.config.DingTalkConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionTrackingMode;
import java.lang.System.Logger.Level;

/** What start-up can see of a deployment that will not sign anyone in safely, said once, as a WARN line each. */
final class DeploymentWarnings {
    private static final System.Logger LOG = System.getLogger("io.github.dingtalkauth");

    private DeploymentWarnings() {
    }

    static void log(DingTalkConfig config, ServletContext context) {
        if (config.redirectUri() == null) {
            LOG.log(Level.WARNING, "DingTalk login: redirectUri is not set, so it is derived from each request's"
                    + " Host header. Set redirectUri to the exact URL registered with DingTalk in production.");
        }
        try {
            if (context.getEffectiveSessionTrackingModes().contains(SessionTrackingMode.URL)) {
                LOG.log(Level.WARNING, "DingTalk login: sessions may be tracked by URL (;jsessionid=), the servlet"
                        + " default. The callback refuses such sessions (they allow login CSRF), but turn URL tracking"
                        + " off: <tracking-mode>COOKIE</tracking-mode> in web.xml, or"
                        + " setSessionTrackingModes(Set.of(SessionTrackingMode.COOKIE)) in code.");
            }
        } catch (RuntimeException notSupported) {
            // a container that cannot say: nothing to check
        }
        try {
            String sameSite = context.getSessionCookieConfig().getAttribute("SameSite");
            if ("Strict".equalsIgnoreCase(sameSite)) {
                LOG.log(Level.WARNING, "DingTalk login: the session cookie is SameSite=Strict, so browsers will not"
                        + " send it on DingTalk's redirect back and every login will fail. Use SameSite=Lax.");
            }
        } catch (RuntimeException | AbstractMethodError notSupported) {
            // an older container without generic cookie attributes: nothing to check
        }
    }
}
