package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.cdi.broken.AmbiguousEndpoint;
import io.wssocket.cdi.broken.Circle;
import io.wssocket.cdi.broken.EncoderDependencyEndpoint;
import io.wssocket.cdi.broken.Square;
import io.wssocket.cdi.broken.UnsatisfiedEndpoint;
import io.wssocket.weld.EmbeddedCdi;
import jakarta.websocket.DeploymentException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A dependency CDI cannot satisfy fails the deployment, with CDI's message and the endpoint's name. */
@Timeout(30)
class DeploymentFailureTest {

    @Test
    void anUnsatisfiedDependencyOfAnEndpoint() {
        assertThatThrownBy(() -> start(UnsatisfiedEndpoint.class))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("WELD-001408")
                .hasMessageContaining("Unsatisfied dependencies")
                .hasMessageContaining(UnsatisfiedEndpoint.class.getName());
    }

    @Test
    void anAmbiguousDependencyOfAnEndpoint() {
        assertThatThrownBy(() -> start(AmbiguousEndpoint.class, Circle.class, Square.class))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("WELD-001409")
                .hasMessageContaining("Ambiguous dependencies")
                .hasMessageContaining(AmbiguousEndpoint.class.getName());
    }

    @Test
    void anUnsatisfiedDependencyOfAnEncoderThatIsNoBean() {
        assertThatThrownBy(() -> start(EncoderDependencyEndpoint.class))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("WELD-001408")
                .hasMessageContaining("endpoint " + EncoderDependencyEndpoint.class.getName())
                .hasMessageContaining("MissingEncoder");
    }

    private static void start(Class<?>... beanClasses) throws DeploymentException {
        EmbeddedCdi.start("broken", DeploymentFailureTest.class.getClassLoader(), List.of(beanClasses)).close();
    }
}
