package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference models that {@link HttpRequestParser} and {@link HttpResponseParser} are compared
 * with: a head that the parser accepted, read as a whole text with String.split and regular
 * expressions, none of the parsers' incremental line handling. Only for heads that are valid.
 */
public final class HttpHeadReference {
    private HttpHeadReference() {
    }

    /** The request as a whole-text reading with String.split sees it. */
    public static HttpRequest request(String head) {
        String[] lines = head.split("\r?\n", -1);
        int i = 0;
        while (lines[i].isEmpty()) {
            i++;
        }
        String[] requestLine = lines[i].split(" ", -1);
        assertThat(requestLine).hasSize(3);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (i++; !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon), n -> new ArrayList<>())
                    .add(trimStart(trimEnd(lines[i].substring(colon + 1))));
        }
        return HttpRequest.of(requestLine[0], requestLine[1], requestLine[2], headers);
    }

    /**
     * The response as a whole-text reading sees it: lines split at (CR)LF; each obs-fold, with
     * the whitespace around it, replaced by one SP (RFC 9112 §5.2); values without OWS.
     */
    public static HttpResponse response(String head) {
        String[] lines = head.split("\r?\n", -1);
        List<String> unfolded = new ArrayList<>();
        int i = 1;
        for (; !lines[i].isEmpty(); i++) {
            if (lines[i].charAt(0) == ' ' || lines[i].charAt(0) == '\t') {
                int last = unfolded.size() - 1;
                unfolded.set(last, trimEnd(unfolded.get(last)) + " " + trimStart(lines[i]));
            } else {
                unfolded.add(lines[i]);
            }
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String field : unfolded) {
            int colon = field.indexOf(':');
            headers.computeIfAbsent(field.substring(0, colon), n -> new ArrayList<>())
                    .add(trimStart(trimEnd(field.substring(colon + 1))));
        }
        String statusLine = lines[0];
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
        return new HttpResponse(statusLine.substring(0, 8), Integer.parseInt(statusLine.substring(9, 12)), reason,
                headers);
    }

    private static String trimStart(String s) {
        return s.replaceAll("^[ \t]+", "");
    }

    private static String trimEnd(String s) {
        // \z, not $: Java's $ also matches before a final line terminator such as U+0085, which
        // is obs-text in a field value, not its end.
        return s.replaceAll("[ \t]+\\z", "");
    }
}
