package io.wssocket.weld;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.jboss.weld.util.reflection.Formats;

/**
 * Weld announces every container start and stop at INFO; with a container per application that
 * is noise, so unless the logging configuration sets a level for {@code org.jboss.weld}, only its
 * warnings are shown and the glue logs one line per application itself.
 */
final class WeldLogging {
    private static final String WELD = "org.jboss.weld";
    /** Held so the level set here is not lost with a logger nobody references. */
    private static final Logger WELD_LOGGER = Logger.getLogger(WELD);

    static {
        if (LogManager.getLogManager().getProperty(WELD + ".level") == null && WELD_LOGGER.getLevel() == null) {
            WELD_LOGGER.setLevel(Level.WARNING);
        }
    }

    private WeldLogging() {
    }

    /** Applies the level (once, when first called). */
    static void quiet() {
        // the static initialiser did it
    }

    /** Weld's own version string (from its weld-build.properties, which survives shading). */
    static String version() {
        return Formats.getSimpleVersion();
    }
}
