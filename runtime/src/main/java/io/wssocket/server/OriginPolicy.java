package io.wssocket.server;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which {@code Origin} values may open a WebSocket (RFC 6455 §10.2, §4.2.2: refuse with 403), so
 * that pages of other sites cannot use a user's cookies against the server (cross-site WebSocket
 * hijacking). Origins are compared exactly, ignoring ASCII case (RFC 6454 §6.2 serializes them in
 * lower case). A request without Origin does not come from a browser page and is allowed; the
 * opaque origin {@code null} is refused unless listed.
 */
public final class OriginPolicy {
    /** A {@code ServerEndpointConfig} user property naming the origins of one endpoint (a collection or a comma-separated string). */
    public static final String USER_PROPERTY = "io.wssocket.allowedOrigins";

    private static final OriginPolicy ANY = new OriginPolicy(Set.of());

    private final Set<String> allowed;

    private OriginPolicy(Set<String> allowed) {
        this.allowed = allowed;
    }

    /** Comma-separated origins; blank for any. */
    public static OriginPolicy parse(String origins) {
        if (origins == null || origins.isBlank()) {
            return ANY;
        }
        return of(Arrays.asList(origins.split(",")));
    }

    static OriginPolicy of(Collection<?> origins) {
        Set<String> set = origins.stream().map(o -> o.toString().trim().toLowerCase(Locale.ROOT))
                .filter(o -> !o.isEmpty()).collect(Collectors.toUnmodifiableSet());
        for (String origin : set) {
            if (!origin.equals("null") && !origin.matches("[a-z][a-z0-9+.-]*://[^/?#\\s]+")) {
                throw new IllegalArgumentException("allowed origin '" + origin
                        + "' is not an origin (scheme://host[:port], no path; RFC 6454)");
            }
        }
        return set.isEmpty() ? ANY : new OriginPolicy(set);
    }

    /** The endpoint's own policy when its user property names one, else this one. */
    OriginPolicy forEndpoint(java.util.Map<String, Object> userProperties) {
        Object own = userProperties.get(USER_PROPERTY);
        if (own instanceof Collection<?> list) {
            return of(list);
        }
        if (own != null) {
            return parse(own.toString());
        }
        return this;
    }

    /** @param origin the request's Origin header, or null when it has none */
    public boolean allows(String origin) {
        return allowed.isEmpty() || origin == null || allowed.contains(origin.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return allowed.isEmpty() ? "any origin" : String.join(", ", allowed);
    }
}
