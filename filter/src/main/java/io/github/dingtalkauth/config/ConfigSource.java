package io.github.dingtalkauth.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One place settings come from: the filter's init-params or a properties file. Sources are consulted in order, so
 * the first one that has a key wins.
 *
 * @param description how a person finds this source again, used in error messages ("init-param of filter
 *                    'dingtalk'", "file /etc/dingtalk.properties")
 */
public record ConfigSource(String description, Map<String, String> values) {

    public ConfigSource {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String get(String name) {
        return values.get(name);
    }

    public Set<String> names() {
        return values.keySet();
    }
}
