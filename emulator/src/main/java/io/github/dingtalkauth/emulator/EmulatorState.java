package io.github.dingtalkauth.emulator;

/** What the endpoints remember, as faults see it when they make up an answer in an endpoint's place. */
record EmulatorState(Grants grants, AppTokens appTokens, Directory directory) {
}
