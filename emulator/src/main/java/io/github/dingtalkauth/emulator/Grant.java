package io.github.dingtalkauth.emulator;

/** What one user consented to; codes, access tokens and refresh tokens all stand for a grant. */
record Grant(EmulatorUser user, boolean corpScope) {
}
