package io.wssocket.session;

import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An endpoint configuration whose user-property map is made only when first asked for (one per
 * connection, usually empty). A session copies a configuration's properties when it is made
 * (Jakarta WebSocket 2.2 §2.1.1); it asks this first, so that copying nothing makes no map.
 */
public interface UserPropertiesOnDemand {

    /**
     * Whether the configuration may have user properties, without making its map.
     *
     * @return false when its map was never made (it is empty), or was made and is empty
     */
    boolean hasUserProperties();

    /**
     * The user-property map held in {@code field} of {@code owner}: a volatile field, null until
     * the first caller puts an empty map there. Callers that race all get the map set first.
     *
     * @param field a {@code Map} field of {@code owner}'s class
     * @param owner whose map it is
     * @return the map, never null
     */
    static Map<String, Object> madeOnDemand(VarHandle field, Object owner) {
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) field.getVolatile(owner);
        if (properties != null) {
            return properties;
        }
        return SetOnce.first(field, owner, new ConcurrentHashMap<>());
    }
}
