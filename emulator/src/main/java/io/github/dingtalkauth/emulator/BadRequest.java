package io.github.dingtalkauth.emulator;

/** A browser-facing request the emulator refuses; the message names the problem on the error page. */
final class BadRequest extends Exception {

    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message, null, false, false);
    }
}
