package io.wssocket.config;

import java.util.Map;

/**
 * An endpoint's own say on a boolean option, through a user property of its configuration:
 * {@code Boolean.TRUE}/{@code "true"} or {@code Boolean.FALSE}/{@code "false"} (any case); anything
 * else, or nothing, leaves the option's value.
 */
public final class UserPropertyFlag {
    private UserPropertyFlag() {
    }

    /**
     * @param userProperties the endpoint configuration's user properties
     * @param name the user property's name
     * @param otherwise the option's value, when the property does not decide
     * @return what the property says, else {@code otherwise}
     */
    public static boolean of(Map<String, Object> userProperties, String name, boolean otherwise) {
        Object own = userProperties.get(name);
        if (own instanceof Boolean b) {
            return b;
        }
        if (own instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        return otherwise;
    }
}
