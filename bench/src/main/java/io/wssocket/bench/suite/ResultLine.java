package io.wssocket.bench.suite;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One line of results, {@code KIND key=value key="a value with spaces" ...}: what the drivers and
 * servers print ({@code RESULT}, {@code STATS}) and what the runner stores ({@code RESULT} with
 * the run's server, scenario, config and round added, or {@code FAILED} with a reason).
 */
public final class ResultLine {

    private final String kind;
    private final Map<String, String> values;

    private ResultLine(String kind, Map<String, String> values) {
        this.kind = kind;
        this.values = values;
    }

    public static ResultLine of(String kind) {
        return new ResultLine(kind, new LinkedHashMap<>());
    }

    /** Parses a line; the first word is its kind. A value may be double-quoted ({@code \"} inside). */
    public static ResultLine parse(String line) {
        String s = line.trim();
        int space = s.indexOf(' ');
        ResultLine r = of(space < 0 ? s : s.substring(0, space));
        int i = space < 0 ? s.length() : space;
        while (i < s.length()) {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i == s.length()) {
                break;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value at column " + i + " of: " + line);
            }
            String key = s.substring(i, eq);
            StringBuilder value = new StringBuilder();
            i = eq + 1;
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                if (i == s.length()) {
                    throw new IllegalArgumentException("unterminated quoted value of " + key + " in: " + line);
                }
                i++;
            } else {
                while (i < s.length() && s.charAt(i) != ' ') {
                    value.append(s.charAt(i++));
                }
            }
            r.values.put(key, value.toString());
        }
        return r;
    }

    public String kind() {
        return kind;
    }

    public String get(String key) {
        return values.get(key);
    }

    /** The value as a number, empty if absent or not a number. */
    public OptionalDouble number(String key) {
        String v = values.get(key);
        if (v == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    public ResultLine with(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    /** Adds all of {@code other}'s values, replacing those of the same keys. */
    public ResultLine withAll(ResultLine other) {
        values.putAll(other.values);
        return this;
    }

    public ResultLine withKind(String newKind) {
        return new ResultLine(newKind, new LinkedHashMap<>(values));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(kind);
        values.forEach((k, v) -> {
            b.append(' ').append(k).append('=');
            if (v.isEmpty() || v.indexOf(' ') >= 0 || v.indexOf('"') >= 0) {
                b.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                b.append(v);
            }
        });
        return b.toString();
    }
}
