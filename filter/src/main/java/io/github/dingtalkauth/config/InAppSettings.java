package io.github.dingtalkauth.config;

import io.github.dingtalkauth.DingTalkPrincipal.NameSource;
import java.util.List;
import java.util.Map;

/**
 * What {@code inAppLogin} needs. An in-app code belongs to one organization and its answer names none, so the
 * organization must be given ({@code allowedCorpIds}), both for the SDK's {@code corpId} and for the membership check;
 * and the answer carries no {@code openId}, so a principal named by it could never be made.
 */
final class InAppSettings {
    private InAppSettings() {
    }

    static void check(Map<Setting<?>, Object> values, List<String> problems) {
        if (!Boolean.TRUE.equals(values.get(Settings.IN_APP_LOGIN))) {
            return;
        }
        if (values.get(Settings.ALLOWED_CORP_IDS) == null) {
            problems.add("setting 'inAppLogin' needs allowedCorpIds: the in-app code is issued for one organization,"
                    + " which the page must name to DingTalk's client and whose membership the sign-in checks");
        }
        if (values.get(Settings.PRINCIPAL_NAME) == NameSource.OPEN_ID) {
            problems.add("setting 'inAppLogin' cannot be used with principalName=openId: DingTalk's in-app sign-in"
                    + " names no openId (use unionId or userId)");
        }
    }
}
