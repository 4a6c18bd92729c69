package io.wssocket.weld;

import jakarta.inject.Inject;
import java.lang.reflect.AccessibleObject;
import java.util.stream.Stream;

/** Whether a class asks for injection: {@code @Inject} on a constructor, field or method of it or a superclass. */
final class InjectionPoints {
    private InjectionPoints() {
    }

    /** False for a class whose members cannot be resolved: it cannot be created either way. */
    static boolean declaredBy(Class<?> type) {
        try {
            return declaredOnHierarchy(type);
        } catch (LinkageError e) {
            return false;
        }
    }

    private static boolean declaredOnHierarchy(Class<?> type) {
        for (Class<?> level = type; level != null && level != Object.class; level = level.getSuperclass()) {
            if (Stream.of(level.getDeclaredConstructors(), level.getDeclaredFields(), level.getDeclaredMethods())
                    .flatMap(Stream::<AccessibleObject>of)
                    .anyMatch(member -> member.isAnnotationPresent(Inject.class))) {
                return true;
            }
        }
        return false;
    }
}
