package example.cdi.enabled;

import jakarta.enterprise.context.Dependent;

@Dependent
public class PlainGreeting implements Greeting {
    @Override
    public String greet(String name) {
        return "hello " + name;
    }
}
