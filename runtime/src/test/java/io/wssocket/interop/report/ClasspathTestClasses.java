package io.wssocket.interop.report;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The test classes on the class path this generator runs with (Maven's test class path): a test
 * method is one that JUnit would run, that is one annotated, directly or through another
 * annotation, with {@link Testable} ({@code @Test}, {@code @ParameterizedTest}, {@code @RepeatedTest}, ...).
 */
final class ClasspathTestClasses implements TestClasses {
    private final ClassLoader loader;

    ClasspathTestClasses(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public Optional<Set<String>> testMethods(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        Set<String> methods = new TreeSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (AnnotationSupport.isAnnotated(method, Testable.class)) {
                    methods.add(method.getName());
                }
            }
        }
        return Optional.of(methods);
    }
}
