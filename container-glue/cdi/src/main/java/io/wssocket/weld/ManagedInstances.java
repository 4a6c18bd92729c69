package io.wssocket.weld;

import io.wssocket.spi.ManagedInstance;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionTarget;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Creates the application's endpoint, encoder, decoder and configurator instances. A class that is
 * a bean of the container is asked for through the container, so its scope, interceptors and
 * decorators apply (a {@code @Dependent} one, the default, is destroyed at release, its creational
 * context released); any other class becomes a non-contextual instance of an
 * {@link InjectionTarget} (CDI 4.1 §11.3.2), so {@code @Inject} and the lifecycle callbacks work
 * in it too. Instances not released when the container stops are released then.
 */
final class ManagedInstances {
    /** How one class is created; found once per class. */
    private interface Creator<T> {
        ManagedInstance<T> create();
    }

    private final BeanManager beans;
    private final Map<Class<?>, Creator<?>> creators = new ConcurrentHashMap<>();
    private final Set<Release> unreleased = ConcurrentHashMap.newKeySet();

    ManagedInstances(BeanManager beans) {
        this.beans = beans;
    }

    @SuppressWarnings("unchecked")
    <T> ManagedInstance<T> create(Class<T> type) {
        Creator<T> creator = (Creator<T>) creators.computeIfAbsent(type, this::creatorFor);
        return creator.create();
    }

    /** How many instances are not released yet. */
    int live() {
        return unreleased.size();
    }

    /** Releases what is left, when the container stops. */
    void releaseAll() {
        for (Release release : Set.copyOf(unreleased)) {
            release.run();
        }
    }

    /** The bean whose class is exactly {@code type}, if the container has one. */
    static Bean<?> beanOf(BeanManager beans, Class<?> type) {
        Set<Bean<?>> candidates = beans.getBeans(type).stream()
                .filter(bean -> bean.getBeanClass() == type && bean.getTypes().contains(type))
                .collect(Collectors.toSet());
        return candidates.isEmpty() ? null : beans.resolve(candidates);
    }

    private Creator<?> creatorFor(Class<?> type) {
        Bean<?> bean = beanOf(beans, type);
        return bean != null ? contextual(bean, type) : nonContextual(type);
    }

    private <T> Creator<T> contextual(Bean<?> bean, Class<T> type) {
        boolean dependent = bean.getScope() == Dependent.class;
        return () -> {
            CreationalContext<?> context = beans.createCreationalContext(bean);
            T instance = type.cast(beans.getReference(bean, type, context));
            // A normal-scoped bean gives a client proxy: its instance belongs to its context, not to us.
            return track(instance, dependent ? () -> destroy(bean, instance, context) : context::release);
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> void destroy(Bean<T> bean, Object instance, CreationalContext<?> context) {
        bean.destroy((T) instance, (CreationalContext<T>) context);
    }

    private <T> Creator<T> nonContextual(Class<T> type) {
        InjectionTarget<T> target = beans.getInjectionTargetFactory(beans.createAnnotatedType(type)).createInjectionTarget(null);
        return () -> {
            CreationalContext<T> context = beans.createCreationalContext(null);
            T instance = target.produce(context);
            try {
                target.inject(instance, context);
                target.postConstruct(instance);
            } catch (RuntimeException | Error e) {
                context.release();
                throw e;
            }
            return track(instance, () -> {
                try {
                    target.preDestroy(instance);
                    target.dispose(instance);
                } finally {
                    context.release();
                }
            });
        };
    }

    private <T> ManagedInstance<T> track(T instance, Runnable destroy) {
        Release release = new Release(destroy);
        unreleased.add(release);
        return new ManagedInstance<>(instance, release);
    }

    /** Runs once, from the session's close or the container's stop, whichever comes first. */
    private final class Release implements Runnable {
        private final Runnable destroy;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(Runnable destroy) {
            this.destroy = destroy;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                unreleased.remove(this);
                destroy.run();
            }
        }
    }
}
