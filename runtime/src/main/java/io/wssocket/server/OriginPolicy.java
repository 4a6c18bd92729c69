package io.wssocket.server;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which {@code Origin} values may open a WebSocket (RFC 6455 §10.2, §4.2.2: refuse with 403), so
 * that pages of other sites cannot use a user's cookies against the server (cross-site WebSocket
 * hijacking). By default only the same origin: a page whose origin names the host and port the
 * request was sent to ({@code Host}). Listed origins are admitted in addition, compared after
 * normalization (RFC 6454 §6.2: lower case; a default port is the same as none); {@code *} admits
 * every origin. A request without Origin does not come from a browser page and is admitted; the
 * opaque origin {@code null} (sandboxed frames, {@code file:} pages) and anything that does not
 * parse as an origin are refused unless {@code null} or {@code *} is listed.
 */
public final class OriginPolicy {
    /** A {@code ServerEndpointConfig} user property naming the origins of one endpoint (a collection or a comma-separated string). */
    public static final String USER_PROPERTY = "io.wssocket.allowedOrigins";
    private static final String ANY_ORIGIN = "*";
    private static final String OPAQUE = "null";

    private static final OriginPolicy SAME_ORIGIN = new OriginPolicy(Set.of(), false);

    /** Normalized {@code scheme://host:port}, or {@code null}. */
    private final Set<String> listed;
    private final boolean any;

    private OriginPolicy(Set<String> listed, boolean any) {
        this.listed = listed;
        this.any = any;
    }

    /** Comma-separated origins admitted besides the same origin; blank for the same origin only, {@code *} for any. */
    static OriginPolicy parse(String origins) {
        if (origins == null || origins.isBlank()) {
            return SAME_ORIGIN;
        }
        return of(Arrays.asList(origins.split(",")));
    }

    static OriginPolicy of(Collection<?> origins) {
        Set<String> set = new HashSet<>();
        boolean any = false;
        for (Object o : origins) {
            String origin = o.toString().trim().toLowerCase(Locale.ROOT);
            if (origin.isEmpty()) {
                continue;
            }
            if (origin.equals(ANY_ORIGIN)) {
                any = true;
            } else if (origin.equals(OPAQUE)) {
                set.add(OPAQUE);
            } else {
                WebOrigin parsed = WebOrigin.parse(origin);
                if (parsed == null) {
                    throw new IllegalArgumentException("allowed origin '" + origin
                            + "' is not an origin (scheme://host[:port], no path or user; RFC 6454), 'null' or '*'");
                }
                set.add(parsed.serialized());
            }
        }
        return !any && set.isEmpty() ? SAME_ORIGIN : new OriginPolicy(Set.copyOf(set), any);
    }

    /** The endpoint's own policy when its user property names one, else this one. */
    OriginPolicy forEndpoint(Map<String, Object> userProperties) {
        Object own = userProperties.get(USER_PROPERTY);
        if (own instanceof Collection<?> list) {
            return of(list);
        }
        if (own != null) {
            return parse(own.toString());
        }
        return this;
    }

    /**
     * @param origin the request's Origin header, or null when it has none
     * @param hostHeader the request's Host header, which a same-origin page's Origin names
     */
    boolean allows(String origin, String hostHeader) {
        if (origin == null || any) {
            return true;
        }
        String value = origin.trim().toLowerCase(Locale.ROOT);
        if (value.equals(OPAQUE)) {
            return listed.contains(OPAQUE);
        }
        WebOrigin parsed = WebOrigin.parse(value);
        return parsed != null && (parsed.isSameHostAs(hostHeader) || listed.contains(parsed.serialized()));
    }

    @Override
    public String toString() {
        if (any) {
            return "any origin";
        }
        return listed.isEmpty() ? "same origin" : "same origin, " + String.join(", ", listed);
    }
}
