package io.github.dingtalkauth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.DingTalkPrincipal.NameSource;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the application sees of a signed-in user through the standard servlet calls. */
class SignedInRequestTest {
    static final DingTalkPrincipal ZHANGSAN = DingTalkPrincipal.builder("union-zs").userId("zhangsan")
            .roles(Set.of("admin", "staff")).nameSource(NameSource.USER_ID).build();

    final SignedInRequest request = new SignedInRequest(mock(HttpServletRequest.class), ZHANGSAN, null);

    @Test
    void isUserInRoleAnswersFromTheRolesGivenAtSignIn() {
        assertTrue(request.isUserInRole("admin"));
        assertTrue(request.isUserInRole("staff"));
        assertFalse(request.isUserInRole("Admin"), "role names are exact");
        assertFalse(request.isUserInRole("finance"));
        assertFalse(request.isUserInRole(null));
    }

    @Test
    void remoteUserIsThePrincipalsName() {
        assertEquals("zhangsan", request.getRemoteUser());
        assertSame(ZHANGSAN, request.getUserPrincipal());
        assertEquals(SignedInRequest.AUTH_TYPE, request.getAuthType());
    }
}
