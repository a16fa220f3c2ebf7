package io.github.dingtalkauth.support;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkSettings;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts a {@link DingTalkAuthFilter} the way a container would, from init-params or from settings in code. */
public final class Filters {
    public static final String APP_ID = "dingappkey123";
    public static final String SECRET = "CANARY-SECRET-7f3a";
    public static final String REDIRECT_URI = "https://app.example.com/dingtalk/callback";

    private Filters() {
    }

    /**
     * The init-params of a working filter whose back channel is {@code dingtalk} (nowhere when null); more params are
     * laid over them. The authorize page stays DingTalk's: the tests approve without a browser.
     */
    public static Map<String, String> params(DingTalkEmulator dingtalk, String... more) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("appId", APP_ID);
        params.put("appSecret", SECRET);
        params.put("redirectUri", REDIRECT_URI);
        params.put("apiBaseUrl", dingtalk == null ? "http://127.0.0.1:9" : dingtalk.apiBaseUrl());
        params.put("oapiBaseUrl", dingtalk == null ? "http://127.0.0.1:9" : dingtalk.oapiBaseUrl());
        params.put("requestTimeout", "5s");
        for (int i = 0; i < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        return params;
    }

    public static DingTalkAuthFilter start(FakeContainer container, Map<String, String> params)
            throws ServletException {
        return start(new DingTalkAuthFilter(), container, params);
    }

    /** Starts {@code filter} as the container would; {@code params} are the init-params its registration carries. */
    public static DingTalkAuthFilter start(DingTalkAuthFilter filter, FakeContainer container,
                                           Map<String, String> params) throws ServletException {
        FilterConfig config = mock(FilterConfig.class);
        when(config.getFilterName()).thenReturn("dingtalk");
        when(config.getServletContext()).thenReturn(container.context());
        when(config.getInitParameterNames()).thenAnswer(inv -> Collections.enumeration(params.keySet()));
        when(config.getInitParameter(org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(inv -> params.get(inv.<String>getArgument(0)));
        filter.init(config);
        return filter;
    }

    /** A settings builder holding {@code params}, as code would give them. */
    public static DingTalkSettings.Builder settings(Map<String, String> params) {
        DingTalkSettings.Builder builder = DingTalkSettings.builder();
        params.forEach(builder::set);
        return builder;
    }
}
