package io.github.dingtalkauth.web;

import io.github.dingtalkauth.DingTalkPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** How the application sees a signed-in user: the standard servlet calls answer with the DingTalk identity. */
public final class SignedInRequest extends HttpServletRequestWrapper {
    public static final String AUTH_TYPE = "DINGTALK";

    private final DingTalkPrincipal principal;

    public SignedInRequest(HttpServletRequest request, DingTalkPrincipal principal) {
        super(request);
        this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }

    /** The roles the {@code role.*} rules gave this person at sign-in. */
    @Override
    public boolean isUserInRole(String role) {
        return role != null && principal.getRoles().contains(role);
    }
}
