package io.github.dingtalkauth.emulator;

/**
 * An authorize request that passed validation, remembered behind the consent page's ticket.
 *
 * @param state     returned unchanged; null when the client sent none
 * @param corpScope whether the scope was {@code openid corpid}, which adds {@code corpId} to the token answer
 */
record AuthorizeRequest(String redirectUri, String state, boolean corpScope) {
}
