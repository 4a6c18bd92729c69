package io.wssocket.servlet.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** The decoder's dependency. */
@ApplicationScoped
public class Names {
    public String normalize(String name) {
        return name.strip().toUpperCase(Locale.ROOT);
    }
}
