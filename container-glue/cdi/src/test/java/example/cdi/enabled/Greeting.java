package example.cdi.enabled;

public interface Greeting {
    String greet(String name);
}
