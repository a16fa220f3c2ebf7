package io.github.dingtalkauth.tomcat;

import org.apache.catalina.Context;
import org.apache.tomcat.util.IntrospectionUtils;

/**
 * Tomcat's leak checks at stop need {@code --add-opens} flags that catalina.sh passes and Surefire does not. Set by
 * property name, because Tomcat 11 dropped one of them ({@code clearReferencesObjectStreamClassCaches}).
 */
public final class TomcatLeakChecks {
    private TomcatLeakChecks() {
    }

    public static void off(Context context) {
        for (String check : new String[] {"clearReferencesObjectStreamClassCaches", "clearReferencesRmiTargets",
                "clearReferencesThreadLocals"}) {
            IntrospectionUtils.setProperty(context, check, "false");
        }
    }
}
