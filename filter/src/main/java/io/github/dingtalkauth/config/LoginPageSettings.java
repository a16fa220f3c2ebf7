package io.github.dingtalkauth.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code loginPage=qr} embeds DingTalk's DTFrameLogin, which belongs to the OAuth 2.0 flow and, with the
 * {@code corpid} scope, insists on a {@code corpId} (protocol §1.6): refuse at start-up what could never show a code.
 */
final class LoginPageSettings {
    private LoginPageSettings() {
    }

    static void check(Map<Setting<?>, Object> values, List<String> problems) {
        if (values.get(Settings.LOGIN_PAGE) != LoginPage.QR) {
            return;
        }
        if (values.get(Settings.FLOW) != SignInFlow.OAUTH2) {
            problems.add("setting 'loginPage': qr needs flow=oauth2 (the legacy flow has no embedded QR login here)");
        }
        if (!frameCorpIdKnown(values)) {
            problems.add("setting 'loginPage': qr with the corpid scope needs exactly one allowedCorpIds, since"
                    + " DingTalk's embedded login requires corpId with that scope");
        }
    }

    /** True when the scope needs no corpId, or exactly one allowed organization supplies it. */
    static boolean frameCorpIdKnown(Map<Setting<?>, Object> values) {
        @SuppressWarnings("unchecked")
        Set<String> allowed = (Set<String>) values.get(Settings.ALLOWED_CORP_IDS);
        String scope = (String) values.get(Settings.SCOPE);
        boolean corpScope = allowed != null || Arrays.asList(scope.split(" ")).contains("corpid");
        return !corpScope || allowed != null && allowed.size() == 1;
    }
}
