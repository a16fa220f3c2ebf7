package io.github.dingtalkauth.client;

/** Asks DingTalk for a new app access token. */
@FunctionalInterface
public interface AppTokenSource {
    AppToken fetch(Deadline deadline) throws DingTalkApiException;
}
