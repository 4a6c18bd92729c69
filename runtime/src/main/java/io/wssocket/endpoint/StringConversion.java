package io.wssocket.endpoint;

import java.util.Map;

/**
 * Converts text to String, a Java primitive or its box: for {@code @PathParam} values
 * (Jakarta WebSocket 2.2 §4.3) and for text messages taken as primitives (§4.7). Chosen once
 * per parameter at deployment.
 */
@FunctionalInterface
interface StringConversion {

    /** @throws IllegalArgumentException when the text is not a value of the type */
    Object convert(String text);

    Map<Class<?>, StringConversion> BY_TYPE = Map.ofEntries(
            Map.entry(String.class, text -> text),
            Map.entry(int.class, Integer::valueOf), Map.entry(Integer.class, Integer::valueOf),
            Map.entry(long.class, Long::valueOf), Map.entry(Long.class, Long::valueOf),
            Map.entry(short.class, Short::valueOf), Map.entry(Short.class, Short::valueOf),
            Map.entry(byte.class, Byte::valueOf), Map.entry(Byte.class, Byte::valueOf),
            Map.entry(float.class, Float::valueOf), Map.entry(Float.class, Float::valueOf),
            Map.entry(double.class, Double::valueOf), Map.entry(Double.class, Double::valueOf),
            Map.entry(boolean.class, StringConversion::toBoolean), Map.entry(Boolean.class, StringConversion::toBoolean),
            Map.entry(char.class, StringConversion::toChar), Map.entry(Character.class, StringConversion::toChar));

    /** The conversion to {@code type}, or null when there is none. */
    static StringConversion to(Class<?> type) {
        return BY_TYPE.get(type);
    }

    /** Java primitives and their boxes (String not included). */
    static boolean isPrimitiveOrBox(Class<?> type) {
        return type != String.class && BY_TYPE.containsKey(type);
    }

    private static Boolean toBoolean(String text) {
        if ("true".equalsIgnoreCase(text)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(text)) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("'" + text + "' is neither true nor false");
    }

    /**
     * The message's first character. The specification names no conversion for char; the TCK
     * (clientendpointonmessage, echoCharTest) expects a longer message to decode to its first
     * character, as the reference implementation does. An empty message has none.
     */
    private static Character toChar(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty message is not a character");
        }
        return text.charAt(0);
    }
}
