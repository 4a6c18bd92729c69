package io.wssocket.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable HTTP/1.1 request head. Header names are case-insensitive (RFC 9110 §5.1); the
 * values of a repeated header keep the order in which they arrived.
 */
public final class HttpRequest {
    private final String method;
    private final String target;
    private final String version;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;

    /** @param frozen header values by case-insensitive name, immutable: kept as they are */
    private HttpRequest(String method, String target, String version, Map<String, List<String>> frozen) {
        this.method = Objects.requireNonNull(method, "method");
        this.target = Objects.requireNonNull(target, "target");
        this.version = Objects.requireNonNull(version, "version");
        this.headers = frozen;

        int afterAuthority = absoluteFormPathStart(target);
        int question = target.indexOf('?', Math.max(afterAuthority, 0));
        String beforeQuery = question < 0 ? target : target.substring(0, question);
        if (afterAuthority >= 0) {
            // RFC 9112 §3.2.2 absolute-form: the path is what follows the authority; an empty
            // path is "/" (RFC 3986 §6.2.3).
            String p = beforeQuery.substring(Math.min(afterAuthority, beforeQuery.length()));
            this.path = p.isEmpty() ? "/" : p;
        } else {
            this.path = beforeQuery;
        }
        this.query = question < 0 ? null : target.substring(question + 1);
    }

    /**
     * A request whose header fields the parser hands over, by case-insensitive name with immutable
     * value lists, kept without a copy: a copy cost about 1.8 KB of garbage per handshake with a
     * browser's dozen headers (a map entry, a list and an array per name).
     */
    static HttpRequest parsed(String method, String target, String version, Map<String, List<String>> frozen) {
        return new HttpRequest(method, target, version, frozen);
    }

    /**
     * A request another HTTP server parsed (a Servlet container's), for the same checks as one
     * WS Socket read itself.
     *
     * @param target the request target as sent: the path and, after {@code ?}, the query
     * @param headers header values by name; names that differ only in case are merged, the first
     *     spelling kept
     * @return the request
     */
    public static HttpRequest of(String method, String target, String version, Map<String, List<String>> headers) {
        return new HttpRequest(method, target, version, HeaderFields.copyOf(headers));
    }

    /** The method, case-sensitive (RFC 9110 §9.1), e.g. {@code GET}. */
    public String method() {
        return method;
    }

    /** The raw request-target as received. */
    public String target() {
        return target;
    }

    /**
     * The path: the target before '?'; for an absolute-form target ({@code ws://host/chat}) the
     * path after the authority.
     */
    public String path() {
        return path;
    }

    /** The query after the first '?', or null when there is no '?'. */
    public String query() {
        return query;
    }

    /** The HTTP-version, e.g. {@code HTTP/1.1}. */
    public String version() {
        return version;
    }

    /** All headers, unmodifiable, keyed case-insensitively. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** Every value of the header {@code name}, in arrival order; empty when absent. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The first value of the header {@code name}, or null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Where the path starts in an absolute-form target ({@code scheme://authority[path]}), or -1
     * when the target is not in absolute-form.
     */
    static int absoluteFormPathStart(String target) {
        int colon = target.indexOf("://");
        if (colon <= 0 || !isScheme(target, colon)) {
            return -1;
        }
        int authorityStart = colon + 3;
        int end = authorityStart;
        while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
            end++;
        }
        return end;
    }

    /** RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
    private static boolean isScheme(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return true;
    }

    /** Equal when method, target, version and headers (names as first spelled, values in order) are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HttpRequest other
                && method.equals(other.method)
                && target.equals(other.target)
                && version.equals(other.version)
                && new ArrayList<>(headers.entrySet()).equals(new ArrayList<>(other.headers.entrySet()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, version, new ArrayList<>(headers.entrySet()));
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version + " " + headers;
    }
}
