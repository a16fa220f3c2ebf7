package io.github.dingtalkauth.client;

import jakarta.json.JsonObject;
import java.net.URI;

/**
 * One JSON POST to DingTalk. An implementation returns the answer's JSON object for a 2xx status and throws
 * {@link DingTalkApiException} for anything else (no answer, an error status with DingTalk's {@code code}, a body
 * that is not a JSON object). The URI may carry the app token as {@code access_token} and the body may carry the
 * app secret: neither may ever reach a log line or an exception message.
 */
@FunctionalInterface
public interface OapiTransport {
    JsonObject post(URI uri, JsonObject body, String step, Deadline deadline) throws DingTalkApiException;
}
