/**
 * Sign in with DingTalk (钉钉登录) for Jakarta Servlet 6.0 applications. The API is the one exported package:
 * {@code DingTalkAuthFilter}, {@code DingTalkSettings}, {@code DingTalkPrincipal} (and its builder),
 * {@code DingTalkLinks}, {@code SignInError} and {@code ConfigException}. The {@code config}, {@code flow}, {@code client} and {@code web}
 * packages are internal and may change in any release. On the class path (a WAR's {@code WEB-INF/lib}) this
 * descriptor is ignored and the jar works as any other.
 */
module io.github.dingtalkauth {
    // Transitive: the API's own signatures use Filter, ServletRequest and HttpServletRequest.
    requires transitive jakarta.servlet;
    requires jakarta.json;
    requires java.net.http;

    exports io.github.dingtalkauth;
}
