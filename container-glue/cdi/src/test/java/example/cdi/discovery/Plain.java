package example.cdi.discovery;

/** No bean defining annotation: a bean only where beans.xml says bean-discovery-mode="all". */
public class Plain {
    public String name() {
        return "plain bean";
    }
}
