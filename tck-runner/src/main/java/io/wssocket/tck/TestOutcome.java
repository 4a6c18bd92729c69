package io.wssocket.tck;

import java.util.Objects;

/**
 * One test method's result as failsafe reported it.
 *
 * @param className the test class, fully qualified
 * @param method the test method; empty for a failure of the class itself (deployment, {@code @BeforeAll})
 * @param status how it ended
 * @param reason one line saying why it did not pass; empty when it passed
 */
record TestOutcome(String className, String method, Status status, String reason) {

    enum Status { PASSED, FAILED, ERROR, SKIPPED }

    TestOutcome {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    boolean failing() {
        return status == Status.FAILED || status == Status.ERROR;
    }

    /** {@code Class#method}, or {@code Class#(class)} when the class failed as a whole. */
    String testName() {
        return className + "#" + (method.isEmpty() ? "(class)" : method);
    }
}
