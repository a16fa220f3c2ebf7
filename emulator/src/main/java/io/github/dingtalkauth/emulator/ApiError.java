package io.github.dingtalkauth.emulator;

import java.util.Locale;
import java.util.UUID;

/** DingTalk's v1.0 error answer: a string {@code code}, an upper-case {@code requestid} and a {@code message}. */
final class ApiError {

    private ApiError() {
    }

    static Response of(int status, String code, String message) {
        String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        return Response.json(status, JsonCodec.object()
                        .add("code", code)
                        .add("requestid", requestId)
                        .add("message", message)
                        .build())
                .withHeader("x-acs-request-id", requestId);
    }

    static Response missingBody() {
        return of(400, "Missingbody", "body is mandatory for this action.");
    }

    static Response missingParameter(String name) {
        return of(400, "missingParameter", name + " is mandatory for this action.");
    }

    static Response methodNotAllowed(String allowed) {
        return of(405, "MethodNotAllowed", "only " + allowed + " is supported by this action.")
                .withHeader("Allow", allowed);
    }

    static Response invalidClient() {
        return of(400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret");
    }

    static Response notFound() {
        return of(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }
}
