package example.cdi.enabled;

import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

/** Applies only where beans.xml lists it under {@code <decorators>} (it has no @Priority). */
@Decorator
public abstract class Exclaiming implements Greeting {
    @Inject
    @Delegate
    Greeting delegate;

    @Override
    public String greet(String name) {
        return delegate.greet(name) + "!";
    }
}
