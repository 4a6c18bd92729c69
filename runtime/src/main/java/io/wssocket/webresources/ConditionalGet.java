package io.wssocket.webresources;

import io.wssocket.handshake.HttpRequest;
import io.wssocket.handshake.TokenList;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The validators of a static resource (RFC 9110 §8.8) and whether a conditional GET or HEAD is
 * answered with 304 Not Modified (RFC 9110 §13.1.2, §13.1.3, in the order of §13.2.2).
 *
 * @param etag a strong entity tag, quoted, derived from size and modification time
 * @param lastModifiedMillis the modification time, or a negative value when unknown
 */
record ConditionalGet(String etag, long lastModifiedMillis) {
    /** RFC 9110 §5.6.7 IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    static ConditionalGet of(WebResource resource) {
        String tag = Long.toHexString(resource.size()) + "-" + Long.toHexString(resource.lastModifiedMillis());
        return new ConditionalGet('"' + tag + '"', resource.lastModifiedMillis());
    }

    boolean hasLastModified() {
        return lastModifiedMillis >= 0;
    }

    /** The Last-Modified value; only when {@link #hasLastModified()}. */
    String lastModified() {
        return IMF_FIXDATE.format(Instant.ofEpochMilli(lastModifiedMillis));
    }

    /** Whether the client's copy is current, so 304 answers instead of the content. */
    boolean notModified(HttpRequest request) {
        List<String> noneMatch = request.headerValues("If-None-Match");
        if (!noneMatch.isEmpty()) {
            // RFC 9110 §13.1.2: weak comparison for GET and HEAD; "*" matches any current resource.
            // RFC 9110 §13.1.3: If-Modified-Since is then ignored.
            for (String tag : TokenList.tokens(noneMatch)) {
                if (tag.equals("*") || opaque(tag).equals(opaque(etag))) {
                    return true;
                }
            }
            return false;
        }
        String since = request.header("If-Modified-Since");
        if (since == null || !hasLastModified() || request.headerValues("If-Modified-Since").size() != 1) {
            return false;
        }
        try {
            long sinceSeconds = ZonedDateTime.parse(since.trim(), IMF_FIXDATE).toEpochSecond();
            // HTTP dates have one-second resolution: compare whole seconds.
            return Math.floorDiv(lastModifiedMillis, 1000) <= sinceSeconds;
        } catch (DateTimeParseException e) {
            return false; // RFC 9110 §13.1.3: an invalid date is ignored
        }
    }

    /** The entity tag without a weakness prefix (RFC 9110 §8.8.3.2, weak comparison). */
    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
