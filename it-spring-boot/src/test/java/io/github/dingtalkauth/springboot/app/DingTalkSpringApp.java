package io.github.dingtalkauth.springboot.app;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.DingTalkSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot 3 application on its embedded Tomcat that registers the filter as the README ("Or configure it from
 * code") shows; {@code SpringBootSignInTest} checks that every line of the README's snippet is here. Beyond the
 * README, only the two addresses of the emulator that plays DingTalk.
 */
@SpringBootApplication
@RestController
public class DingTalkSpringApp {

    @Bean
    FilterRegistrationBean<DingTalkAuthFilter> dingtalkLogin(@Value("${dingtalk.app-id}") String appId,
            @Value("${emulator.authorize-url}") String authorizeUrl, @Value("${emulator.api-url}") String apiBaseUrl,
            @Value("${dingtalk.app-secret}") String secret,
            @Value("${dingtalk.redirect-uri}") String redirectUri) {
        DingTalkSettings settings = DingTalkSettings.builder()
                .appId(appId)
                .appSecret(secret)
                .redirectUri(redirectUri)
                .authorizeUrl(authorizeUrl)
                .apiBaseUrl(apiBaseUrl)
                .excludePaths("/", "/public/*", "/actuator/health")
                .build();
        FilterRegistrationBean<DingTalkAuthFilter> registration =
                new FilterRegistrationBean<>(new DingTalkAuthFilter(settings));
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return registration;
    }

    @GetMapping("/")
    String home() {
        return "home";
    }

    /** A signed-in page: who the servlet API says the user is (Spring turns the map into JSON). */
    @GetMapping("/me")
    Map<String, String> me(HttpServletRequest request) {
        DingTalkPrincipal user = (DingTalkPrincipal) request.getUserPrincipal();
        return Map.of("remoteUser", String.valueOf(request.getRemoteUser()), "nick", user.getNick(),
                "authType", String.valueOf(request.getAuthType()));
    }
}
