package io.wssocket.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Header fields as requests and responses keep them: by case-insensitive name, immutable. */
final class HeaderFields {
    private HeaderFields() {
    }

    /**
     * An immutable copy of {@code headers} by case-insensitive name; names that differ only in
     * case are merged (values in the map's order), the first spelling kept.
     */
    static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(copy);
    }
}
