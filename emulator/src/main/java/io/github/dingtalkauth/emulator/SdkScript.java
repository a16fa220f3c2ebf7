package io.github.dingtalkauth.emulator;

/**
 * The text of the stand-in {@code dingtalk.open.js}: defines {@code window.dd} with {@code env.platform},
 * {@code ready}, {@code requestAuthCode} and {@code runtime.permission.requestAuthCode}. Like DingTalk's SDK, a call
 * takes {@code onSuccess}/{@code onFail} callbacks and also returns a promise. Inside the client (a user agent naming
 * {@code DingTalk}) it answers the code baked into this copy of the script when the call names the home
 * organization's {@code corpId}; outside it, {@code env.platform} is {@code notInDingTalk} and every call fails.
 */
final class SdkScript {
    private static final String TEMPLATE = """
            (function () {
              var corpId = %s, code = %s, behaviour = %s;
              var inClient = /DingTalk/.test(navigator.userAgent);
              function requestAuthCode(options) {
                options = options || {};
                return new Promise(function (resolve, reject) {
                  function ok(answer) {
                    if (typeof options.onSuccess === 'function') { options.onSuccess(answer); }
                    resolve(answer);
                  }
                  function fail(errorCode, errorMessage) {
                    var error = {errorCode: errorCode, errorMessage: errorMessage};
                    if (typeof options.onFail === 'function') { options.onFail(error); }
                    reject(error);
                  }
                  if (behaviour === 'NEVER_ANSWERS') { return; }
                  if (!inClient) { fail('1', 'not in DingTalk'); return; }
                  if (behaviour === 'JSAPI_ERROR') { fail('3', 'jsapi ticket or domain mismatch'); return; }
                  if (options.corpId !== corpId) { fail('3', 'corpId mismatch'); return; }
                  if (!code) { fail('7', 'nobody is signed into the client'); return; }
                  ok(behaviour === 'ANSWERS_AUTH_CODE' ? {authCode: code} : {code: code});
                }).catch(function (error) {
                  if (typeof options.onFail === 'function') { return undefined; }
                  throw error;
                });
              }
              window.dd = {
                version: 'emulator',
                env: {platform: inClient ? 'pc' : 'notInDingTalk'},
                ready: function (callback) { setTimeout(callback, 0); },
                error: function () {},
                runtime: {permission: {requestAuthCode: requestAuthCode}}
              };
              if (behaviour !== 'OLD_CLIENT') { window.dd.requestAuthCode = requestAuthCode; }
            })();
            """;

    private SdkScript() {
    }

    static String render(String corpId, String code, ClientSdk behaviour) {
        return TEMPLATE.formatted(literal(corpId), literal(code), literal(behaviour.name()));
    }

    /** A JSON string literal is a JavaScript one; {@code <} is escaped so the text is safe anywhere. */
    private static String literal(String value) {
        return JsonCodec.stringValue(value).toString().replace("<", "\\u003c");
    }
}
