package io.github.dingtalkauth.config;

import io.github.dingtalkauth.DingTalkPrincipal.NameSource;
import java.util.List;
import java.util.Map;

/**
 * How the organization settings depend on each other. {@code allowedCorpIds} implies the employee profile; a
 * principal named by {@code userId} needs that profile, and {@code requireActive} needs {@code allowedCorpIds}, or
 * they would silently do nothing (or sign nobody in).
 */
final class OrganizationSettings {
    private OrganizationSettings() {
    }

    static void check(Map<Setting<?>, Object> values, List<String> problems) {
        boolean restricted = values.get(Settings.ALLOWED_CORP_IDS) != null;
        if (values.get(Settings.PRINCIPAL_NAME) == NameSource.USER_ID && !restricted
                && !Boolean.TRUE.equals(values.get(Settings.EMPLOYEE_PROFILE))) {
            problems.add("setting 'principalName': userId needs the employee profile (set allowedCorpIds, or"
                    + " employeeProfile=true)");
        }
        if (Boolean.TRUE.equals(values.get(Settings.REQUIRE_ACTIVE)) && !restricted) {
            problems.add("setting 'requireActive' needs allowedCorpIds: it refuses members of the organization"
                    + " who have not activated DingTalk");
        }
    }
}
