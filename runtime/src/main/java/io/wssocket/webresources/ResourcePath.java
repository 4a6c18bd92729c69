package io.wssocket.webresources;

import io.wssocket.handshake.HttpStatusException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path below a context path, checked so that it can only name something inside a
 * resource root: percent-decoded once (RFC 3986 §2.1), as UTF-8, segment by segment, after
 * splitting at '/' so that an encoded slash stays inside its segment and is refused there.
 * Segments that are empty, {@code .} or {@code ..} (RFC 3986 §3.3 dot-segments), or that hold a
 * slash, backslash or control character (NUL included) once decoded, are refused: a client that
 * sends them is probing, not browsing.
 *
 * @param segments the decoded segments, each a plain file or directory name
 * @param directory whether the path ended with '/', naming a directory
 */
record ResourcePath(List<String> segments, boolean directory) {
    public ResourcePath {
        segments = List.copyOf(segments);
    }

    /**
     * @param path the raw path after the context path: empty, or starting with '/'
     * @throws HttpStatusException 400 naming what is wrong with the path
     */
    public static ResourcePath parse(String path) throws HttpStatusException {
        if (path.isEmpty()) {
            return new ResourcePath(List.of(), false); // the context path itself, without its slash
        }
        if (path.charAt(0) != '/') {
            throw new HttpStatusException(400, "The path must start with '/'");
        }
        List<String> segments = new ArrayList<>();
        int start = 1;
        while (start < path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            segments.add(segment(path.substring(start, end)));
            start = end + 1;
        }
        return new ResourcePath(segments, path.endsWith("/"));
    }

    /** The segments joined with '/', relative to the root ({@code ""} for the root itself). */
    public String relativeName() {
        return String.join("/", segments);
    }

    /** This directory's {@code name} entry. */
    public ResourcePath child(String name) {
        List<String> child = new ArrayList<>(segments);
        child.add(name);
        return new ResourcePath(child, false);
    }

    /** The last segment, or "" for the root. */
    public String fileName() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    private static String segment(String raw) throws HttpStatusException {
        if (raw.isEmpty()) {
            throw new HttpStatusException(400, "The path has an empty segment ('//')");
        }
        for (int i = 0; i < raw.length(); i++) {
            // RFC 9112 §3.2: the parser lets only visible ASCII into a request-target.
            if (raw.charAt(i) < 0x21 || raw.charAt(i) > 0x7E) {
                throw new HttpStatusException(400, "The path has a character that is not visible ASCII");
            }
        }
        String name = decode(raw);
        if (name.equals(".") || name.equals("..")) {
            throw new HttpStatusException(400, "The path has a '" + name + "' segment (RFC 3986 §3.3 dot-segments are refused)");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                throw new HttpStatusException(400, "The path has an encoded '/' or a '\\' in a segment");
            }
            if (c < 0x20 || c == 0x7F) {
                throw new HttpStatusException(400, "The path has a control character (NUL included) in a segment");
            }
        }
        return name;
    }

    /** RFC 3986 §2.1: every "%" HEXDIG HEXDIG is one octet; the octets must be UTF-8. Decoded once only. */
    private static String decode(String raw) throws HttpStatusException {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
            if (low < 0) {
                throw new HttpStatusException(400, "The path has a '%' not followed by two hexadecimal digits (RFC 3986 §2.1)");
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new HttpStatusException(400, "The percent-encoded path is not UTF-8");
        }
    }
}
