package org.depconsole.domain.apple;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small helpers shared by the protocol value types: defensive copies that tolerate absent values. */
final class WireValues {

    private WireValues() {
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    /** Unknown JSON fields may carry null values, which {@link Map#copyOf} refuses. */
    static <V> Map<String, V> map(Map<String, V> values) {
        return values == null || values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static String key(String raw) {
        return raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
    }
}
