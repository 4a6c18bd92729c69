package io.wssocket.interop.report;

import java.util.Optional;
import java.util.Set;

/** Which test classes the build has, and their test methods. */
interface TestClasses {
    /** The names of the class's test methods, its own and inherited; empty if there is no such class. */
    Optional<Set<String>> testMethods(String className);
}
