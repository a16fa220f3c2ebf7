package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.SignInError;
import io.github.dingtalkauth.client.DingTalkApiException;

/**
 * Why a sign-in did not happen, with the filter's own bilingual texts for it: the public {@link SignInError} (code and
 * status, for logs and the application's error page) plus the words of the built-in page, which stay internal. The
 * texts are fixed, so nothing a caller or DingTalk sent is ever shown to the user.
 */
public enum Reason {
    STATE_MISSING(SignInError.STATE_MISSING, "登录请求缺少校验参数。",
            "The sign-in response is missing its check value."),
    STATE_INVALID(SignInError.STATE_INVALID, "登录请求的校验参数无效。",
            "The sign-in response carries an invalid check value."),
    STATE_UNKNOWN(SignInError.STATE_UNKNOWN, "这次登录不是在本浏览器中发起的，或已经完成。",
            "This sign-in was not started in this browser, or it has already finished."),
    STATE_EXPIRED(SignInError.STATE_EXPIRED, "登录已超时。",
            "The sign-in took too long and has expired."),
    CODE_MISSING(SignInError.CODE_MISSING, "钉钉没有返回授权码。",
            "DingTalk did not return an authorization code."),
    CODE_INVALID(SignInError.CODE_INVALID, "钉钉返回的授权码无效。",
            "The authorization code is not valid."),
    CODE_CONFLICT(SignInError.CODE_CONFLICT, "登录请求中的授权码相互矛盾。",
            "The sign-in response carries two different codes."),
    ERROR_WITH_CODE(SignInError.ERROR_WITH_CODE, "登录请求同时包含错误和授权码。",
            "The sign-in response carries both an error and a code."),
    DUPLICATE_PARAMETER(SignInError.DUPLICATE_PARAMETER, "登录请求中有重复的参数。",
            "The sign-in response repeats a parameter."),
    MALFORMED_REQUEST(SignInError.MALFORMED_REQUEST, "登录请求格式不正确。",
            "The sign-in response is malformed."),
    SESSION_FROM_URL(SignInError.SESSION_FROM_URL, "登录请求的网址中带有会话标识，已被拒绝。请重新登录。",
            "The sign-in response carried a session id in its URL and was refused. Please sign in again."),
    METHOD_NOT_ALLOWED(SignInError.METHOD_NOT_ALLOWED, "不支持此请求方式。",
            "This request method is not supported here."),
    ACCESS_DENIED(SignInError.ACCESS_DENIED, "您在钉钉取消了登录。",
            "Sign-in was cancelled at DingTalk."),
    PROVIDER_ERROR(SignInError.PROVIDER_ERROR, "钉钉拒绝了登录请求，请稍后再试或联系管理员。",
            "DingTalk refused the sign-in. Try again later or contact your administrator."),
    PROVIDER_UNAVAILABLE(SignInError.PROVIDER_UNAVAILABLE, "暂时无法连接钉钉，请稍后再试。",
            "DingTalk cannot be reached right now. Try again later."),
    PROVIDER_TIMEOUT(SignInError.PROVIDER_TIMEOUT, "钉钉响应超时，请稍后再试。",
            "DingTalk did not answer in time. Try again later."),
    INVALID_RESPONSE(SignInError.INVALID_RESPONSE, "钉钉返回了无法识别的数据，请稍后再试。",
            "DingTalk answered with something unexpected. Try again later."),
    CROSS_SITE_LOGOUT(SignInError.CROSS_SITE_LOGOUT, "拒绝了来自其他网站的退出请求。",
            "A sign-out request from another site was refused."),
    ROLE_REQUIRED(SignInError.ROLE_REQUIRED, "您没有访问此页面所需的角色。如需访问，请联系管理员。",
            "You do not have a role this page requires. Ask your administrator for access."),
    NOT_A_MEMBER(SignInError.NOT_A_MEMBER, "此钉钉帐号不是本组织的成员。",
            "This DingTalk account is not a member of the organization."),
    PROVIDER_BUSY(SignInError.PROVIDER_BUSY, "正在登录的人太多，请几秒钟后刷新本页。",
            "Too many sign-ins are waiting on DingTalk right now. Reload this page in a few seconds."),
    RATE_LIMITED(SignInError.RATE_LIMITED, "登录请求过于频繁，请稍后再试。",
            "Too many sign-ins were started from your network. Try again later."),
    CLOCK_SKEW(SignInError.CLOCK_SKEW, "本服务器的时钟与钉钉服务器相差超过一分钟，登录无法完成。请联系管理员校准服务器时间。",
            "This server's clock differs from DingTalk's by more than a minute, so the sign-in could not be"
                    + " completed. Ask your administrator to correct the server's time."),
    IN_APP_TOKEN_INVALID(SignInError.IN_APP_TOKEN_INVALID, "这个登录页面已失效或已被使用，请重新打开本应用。",
            "This sign-in page has expired or was already used. Open the app again.");

    private final SignInError error;
    private final String chinese;
    private final String english;

    Reason(SignInError error, String chinese, String english) {
        this.error = error;
        this.chinese = chinese;
        this.english = english;
    }

    /** What the person is told when DingTalk did not answer a sign-in's call as it should. */
    static Reason of(DingTalkApiException e) {
        return switch (e.kind()) {
            case TIMEOUT -> PROVIDER_TIMEOUT;
            case UNAVAILABLE -> PROVIDER_UNAVAILABLE;
            case ERROR_STATUS -> PROVIDER_ERROR;
            case INVALID_RESPONSE -> INVALID_RESPONSE;
        };
    }

    public SignInError error() {
        return error;
    }

    /** The reason code, such as {@code state_unknown}, for logs and error pages. */
    public String code() {
        return error.code();
    }

    public int status() {
        return error.status();
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }
}
