package io.wssocket.endpoint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An endpoint path: literal segments and level-1 URI template variables, each variable a whole
 * segment (Jakarta WebSocket 2.2 §3.1.1, RFC 6570 level 1): {@code /rooms/{room}/users/{user}}.
 * Matches a request path segment by segment; variable values are percent-decoded.
 */
public final class PathTemplate {
    private final String path;
    /** Per segment: the literal text, or null for a variable. */
    private final String[] literals;
    /** Per segment: the variable name, or null for a literal. */
    private final String[] variables;
    private final Set<String> variableNames;

    private PathTemplate(String path, String[] literals, String[] variables, Set<String> variableNames) {
        this.path = path;
        this.literals = literals;
        this.variables = variables;
        this.variableNames = Collections.unmodifiableSet(variableNames);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong: no leading '/', a brace that does not
     *     make a whole segment a variable, an empty or repeated variable name
     */
    public static PathTemplate parse(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path '" + path + "' must start with '/'");
        }
        String[] segments = segments(path);
        String[] literals = new String[segments.length];
        String[] variables = new String[segments.length];
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean opens = segment.indexOf('{') >= 0;
            boolean closes = segment.indexOf('}') >= 0;
            if (!opens && !closes) {
                literals[i] = segment;
                continue;
            }
            String name = segment.length() >= 2 && segment.startsWith("{") && segment.endsWith("}")
                    ? segment.substring(1, segment.length() - 1) : null;
            if (name == null || name.isEmpty() || name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
                throw new IllegalArgumentException("path '" + path + "': segment '" + segment
                        + "' is not a variable; a variable is a whole segment such as {name} (Jakarta WebSocket 2.2 §3.1.1)");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("path '" + path + "': variable {" + name + "} appears twice");
            }
            variables[i] = name;
        }
        return new PathTemplate(path, literals, variables, names);
    }

    /** "/a/b/" is three segments: "a", "b" and "". "/" is one empty segment. */
    private static String[] segments(String path) {
        return path.substring(1).split("/", -1);
    }

    public String path() {
        return path;
    }

    public boolean hasVariables() {
        return !variableNames.isEmpty();
    }

    public Set<String> variableNames() {
        return variableNames;
    }

    /** The variables' values if {@code requestPath} matches, else null. */
    public Map<String, String> match(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/")) {
            return null;
        }
        String[] segments = segments(requestPath);
        if (segments.length != literals.length) {
            return null;
        }
        Map<String, String> values = variableNames.isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            if (literals[i] != null) {
                if (!literals[i].equals(segments[i])) {
                    return null;
                }
            } else {
                if (segments[i].isEmpty()) {
                    return null;
                }
                String value = percentDecode(segments[i]);
                if (value == null) {
                    return null;
                }
                values.put(variables[i], value);
            }
        }
        return values;
    }

    /**
     * Whether the two match the same request paths: as many segments, variables in the same
     * places and the same literals elsewhere ({@code /a/{x}} and {@code /a/{y}}).
     */
    public boolean isEquivalentTo(PathTemplate other) {
        if (literals.length != other.literals.length) {
            return false;
        }
        for (int i = 0; i < literals.length; i++) {
            if (literals[i] == null ? other.literals[i] != null : !literals[i].equals(other.literals[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Orders templates so that, of those matching one request path, the one to choose comes first
     * (Jakarta WebSocket 2.2 §3.1.1): compared segment by segment from the left, a literal
     * segment goes before a variable at the first place they differ.
     */
    public static int byPrecedence(PathTemplate a, PathTemplate b) {
        int n = Math.min(a.literals.length, b.literals.length);
        for (int i = 0; i < n; i++) {
            boolean aLiteral = a.literals[i] != null;
            boolean bLiteral = b.literals[i] != null;
            if (aLiteral != bLiteral) {
                return aLiteral ? -1 : 1;
            }
        }
        return Integer.compare(a.literals.length, b.literals.length);
    }

    /** RFC 3986 §2.1 percent-decoding as UTF-8 ('+' stays '+' in a path); null when malformed. */
    private static String percentDecode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return path;
    }
}
