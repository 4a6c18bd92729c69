package example.cdi.jar;

import io.wssocket.cdi.ConnectionScoped;

@ConnectionScoped
public class Visitor {
    private String name = "stranger";

    public String name() {
        return name;
    }

    public void name(String name) {
        this.name = name;
    }
}
