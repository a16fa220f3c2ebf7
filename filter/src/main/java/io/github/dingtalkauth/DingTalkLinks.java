package io.github.dingtalkauth;

/**
 * What a page needs to offer sign-in and sign-out: the button label and the filter's URLs, with the context path
 * already applied. The filter puts one on every request it passes on, as request attribute
 * {@value #REQUEST_ATTRIBUTE}.
 */
public final class DingTalkLinks {
    public static final String REQUEST_ATTRIBUTE = "io.github.dingtalkauth.links";

    private final String label;
    private final String loginUrl;
    private final String logoutUrl;

    public DingTalkLinks(String label, String loginUrl, String logoutUrl) {
        this.label = label;
        this.loginUrl = loginUrl;
        this.logoutUrl = logoutUrl;
    }

    public String getLabel() {
        return label;
    }

    /** Start a login here (GET); add {@code ?returnTo=/path} to come back somewhere other than the context root. */
    public String getLoginUrl() {
        return loginUrl;
    }

    /** Sign out by POSTing a form here. */
    public String getLogoutUrl() {
        return logoutUrl;
    }

    @Override
    public String toString() {
        return "DingTalkLinks[label=" + label + ", login=" + loginUrl + ", logout=" + logoutUrl + "]";
    }
}
