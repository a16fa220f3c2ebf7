package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.config.PathRoleRules;
import io.github.dingtalkauth.web.RequestKind;
import io.github.dingtalkauth.web.Messages;
import io.github.dingtalkauth.web.Responses;
import io.github.dingtalkauth.web.Texts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies the {@code require.} rules: a path a rule names is for signed-in people with one of its roles. Anyone else
 * signed in gets 403 (a fixed page for a navigation, {@code {"error":"forbidden"}} otherwise) and the log one WARN
 * line with the reason code and nothing about the person or the path. A rule wins over {@code excludePaths}: a path
 * a rule names is never public, so a broad exclusion cannot open what a rule closed.
 */
public final class PathGuard {
    private final PathRoleRules rules;
    private final Function<DingTalkPrincipal, Set<String>> roles;
    private final Texts texts;

    /** @param roles the roles a principal was given at sign-in */
    public PathGuard(PathRoleRules rules, Function<DingTalkPrincipal, Set<String>> roles, Texts texts) {
        this.rules = rules;
        this.roles = roles;
        this.texts = texts;
    }

    /** Whether a rule names {@code path}, so that it needs a sign-in even when excluded. */
    public boolean names(String path) {
        return rules.covers(path);
    }

    /** True when {@code principal} may open {@code path}; otherwise the 403 has been sent. */
    public boolean admits(HttpServletRequest request, HttpServletResponse response, DingTalkPrincipal principal,
                          String path) throws IOException {
        if (rules.isEmpty() || rules.permits(path, roles.apply(principal))) {
            return true;
        }
        Reason reason = Reason.ROLE_REQUIRED;
        Failures.log(reason, null);
        if (RequestKind.isNavigation(request)) {
            Messages messages = texts.forRequest(request);
            Responses.forbiddenPage(response, messages, reason.code(), messages.text(reason.messageKey()),
                    request.getContextPath() + "/");
        } else {
            Responses.forbidden(response);
        }
        return false;
    }
}
