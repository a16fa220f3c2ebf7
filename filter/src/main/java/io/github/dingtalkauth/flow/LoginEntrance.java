package io.github.dingtalkauth.flow;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What the browser gets once a login is recorded (setting {@code loginPage}, chosen at start-up): the redirect to
 * DingTalk, the filter's QR page, or, for an application that draws its own page, the QR parameters as JSON.
 */
@FunctionalInterface
interface LoginEntrance {
    void enter(HttpServletRequest request, HttpServletResponse response, StartedLogin login) throws IOException;
}
