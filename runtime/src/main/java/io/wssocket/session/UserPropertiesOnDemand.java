package io.wssocket.session;

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
}
