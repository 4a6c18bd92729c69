package example.cdi.enabled;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Alternative;
import java.util.Locale;

/** Chosen over {@link PlainGreeting} only where beans.xml lists it under {@code <alternatives>}. */
@Alternative
@Dependent
public class LoudGreeting implements Greeting {
    @Override
    public String greet(String name) {
        return "HELLO " + name.toUpperCase(Locale.ROOT);
    }
}
