package io.wssocket.servlet.containers;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.HandlesTypes;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an {@link EmbeddedServletContainer} deploys, as a WAR would describe it: a context path, the
 * {@code ServletContainerInitializer}s a container would find through {@code ServiceLoader} in
 * WEB-INF/lib, the application's classes among which each initializer's {@link HandlesTypes} are
 * looked up, servlets, filters and listeners, and a directory of static resources (the WAR's root).
 *
 * <p>Initializers run in the order added. The servlets, filters and listeners are added by one more
 * initializer after them, through the {@code ServletContext} API, as a {@code web.xml} would declare
 * them: so an initializer sees none of them, and a listener added here runs after every initializer.
 */
public final class WebApplication {
    private final String contextPath;
    private final List<ServletContainerInitializer> initializers = new ArrayList<>();
    private final Set<Class<?>> classes = new LinkedHashSet<>();
    private final List<ServletEntry> servlets = new ArrayList<>();
    private final List<FilterEntry> filters = new ArrayList<>();
    private final List<EventListener> listeners = new ArrayList<>();
    private Path resources;

    private WebApplication(String contextPath) {
        this.contextPath = contextPath;
    }

    /**
     * An application at a context path: {@code ""} for the root, else {@code "/name"}.
     *
     * @param contextPath the context path, as {@code ServletContext.getContextPath()} returns it
     * @return an application with nothing in it yet
     */
    public static WebApplication at(String contextPath) {
        if (!contextPath.isEmpty() && (!contextPath.startsWith("/") || contextPath.endsWith("/"))) {
            throw new IllegalArgumentException("a context path is \"\" or \"/name\", not \"" + contextPath + "\"");
        }
        return new WebApplication(contextPath);
    }

    /** Adds an initializer, run in the order added. */
    public WebApplication initializer(ServletContainerInitializer initializer) {
        initializers.add(initializer);
        return this;
    }

    /** Adds application classes, the candidates for every initializer's {@link HandlesTypes}. */
    public WebApplication classes(Class<?>... applicationClasses) {
        classes.addAll(List.of(applicationClasses));
        return this;
    }

    /** Adds a servlet (asynchronous supported) under a name, mapped to URL patterns. */
    public WebApplication servlet(String name, Servlet servlet, String... mappings) {
        servlets.add(new ServletEntry(name, servlet, List.of(mappings)));
        return this;
    }

    /** Adds a filter (asynchronous supported) under a name, mapped to URL patterns for requests. */
    public WebApplication filter(String name, Filter filter, String... urlPatterns) {
        filters.add(new FilterEntry(name, filter, List.of(urlPatterns)));
        return this;
    }

    /** Adds a listener, for example a {@code ServletContextListener}. */
    public WebApplication listener(EventListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Serves the files under a directory as the WAR's root, with {@code index.html} as welcome file. */
    public WebApplication resources(Path directory) {
        resources = directory;
        return this;
    }

    /** The context path: {@code ""} or {@code "/name"}. */
    public String contextPath() {
        return contextPath;
    }

    /** The directory of static resources, if any. */
    public Optional<Path> resources() {
        return Optional.ofNullable(resources);
    }

    /**
     * The initializers a container runs, in order: the added ones, then the one adding the servlets,
     * filters and listeners.
     */
    List<ServletContainerInitializer> initializers() {
        List<ServletContainerInitializer> all = new ArrayList<>(initializers);
        all.add(this::addComponents);
        return all;
    }

    /**
     * The application classes an initializer's {@link HandlesTypes} select: those annotated with one
     * of its annotation types, and those extending or implementing one of its other types (not the
     * type itself); {@code null} when none match or it has no {@code @HandlesTypes}, as a container
     * passes to {@code onStartup}.
     */
    Set<Class<?>> handledTypes(ServletContainerInitializer initializer) {
        HandlesTypes handles = initializer.getClass().getAnnotation(HandlesTypes.class);
        if (handles == null) {
            return null;
        }
        Set<Class<?>> found = new LinkedHashSet<>();
        for (Class<?> candidate : classes) {
            for (Class<?> type : handles.value()) {
                boolean matches = type.isAnnotation()
                        ? candidate.isAnnotationPresent(type.asSubclass(Annotation.class))
                        : type != candidate && type.isAssignableFrom(candidate);
                if (matches) {
                    found.add(candidate);
                }
            }
        }
        return found.isEmpty() ? null : found;
    }

    private void addComponents(Set<Class<?>> ignored, ServletContext context) {
        for (ServletEntry entry : servlets) {
            ServletRegistration.Dynamic registration = context.addServlet(entry.name(), entry.servlet());
            registration.setAsyncSupported(true);
            registration.addMapping(entry.mappings().toArray(String[]::new));
        }
        for (FilterEntry entry : filters) {
            FilterRegistration.Dynamic registration = context.addFilter(entry.name(), entry.filter());
            registration.setAsyncSupported(true);
            registration.addMappingForUrlPatterns(null, true, entry.urlPatterns().toArray(String[]::new));
        }
        listeners.forEach(context::addListener);
    }

    private record ServletEntry(String name, Servlet servlet, List<String> mappings) {
    }

    private record FilterEntry(String name, Filter filter, List<String> urlPatterns) {
    }
}
