package io.github.dingtalkauth.flow;

/**
 * Why a sign-in did not happen. The code goes to the log (one WARN line) and to the application's error page; the
 * texts are fixed, so nothing a caller or DingTalk sent is ever shown to the user.
 */
public enum Reason {
    STATE_MISSING(400, "登录请求缺少校验参数。", "The sign-in response is missing its check value."),
    STATE_INVALID(400, "登录请求的校验参数无效。", "The sign-in response carries an invalid check value."),
    STATE_UNKNOWN(400, "这次登录不是在本浏览器中发起的，或已经完成。",
            "This sign-in was not started in this browser, or it has already finished."),
    STATE_EXPIRED(400, "登录已超时。", "The sign-in took too long and has expired."),
    CODE_MISSING(400, "钉钉没有返回授权码。", "DingTalk did not return an authorization code."),
    CODE_INVALID(400, "钉钉返回的授权码无效。", "The authorization code is not valid."),
    CODE_CONFLICT(400, "登录请求中的授权码相互矛盾。", "The sign-in response carries two different codes."),
    ERROR_WITH_CODE(400, "登录请求同时包含错误和授权码。", "The sign-in response carries both an error and a code."),
    DUPLICATE_PARAMETER(400, "登录请求中有重复的参数。", "The sign-in response repeats a parameter."),
    MALFORMED_REQUEST(400, "登录请求格式不正确。", "The sign-in response is malformed."),
    METHOD_NOT_ALLOWED(405, "不支持此请求方式。", "This request method is not supported here."),
    ACCESS_DENIED(403, "您在钉钉取消了登录。", "Sign-in was cancelled at DingTalk."),
    PROVIDER_ERROR(502, "钉钉拒绝了登录请求，请稍后再试或联系管理员。",
            "DingTalk refused the sign-in. Try again later or contact your administrator."),
    PROVIDER_UNAVAILABLE(502, "暂时无法连接钉钉，请稍后再试。", "DingTalk cannot be reached right now. Try again later."),
    PROVIDER_TIMEOUT(504, "钉钉响应超时，请稍后再试。", "DingTalk did not answer in time. Try again later."),
    INVALID_RESPONSE(502, "钉钉返回了无法识别的数据，请稍后再试。",
            "DingTalk answered with something unexpected. Try again later."),
    CROSS_SITE_LOGOUT(403, "拒绝了来自其他网站的退出请求。", "A sign-out request from another site was refused.");

    private final int status;
    private final String chinese;
    private final String english;

    Reason(int status, String chinese, String english) {
        this.status = status;
        this.chinese = chinese;
        this.english = english;
    }

    /** The reason code, such as {@code state_unknown}, for logs and error pages. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public int status() {
        return status;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }
}
