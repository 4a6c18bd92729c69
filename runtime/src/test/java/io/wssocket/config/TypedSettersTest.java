package io.wssocket.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.ContainerConfig;
import io.wssocket.client.SendQueuePolicy;
import io.wssocket.server.ServerConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The typed setters and accessors are written out per option; this finds, for every option, the
 * one setter that does what setting the option by name does (and no other setter does), and
 * checks that the accessor of the same name reads it back, so a setter or accessor wired to the
 * wrong option cannot go unnoticed.
 */
class TypedSettersTest {
    @Test
    void everyServerOptionHasOneSetterAndItsAccessorReadsItBack() throws Exception {
        // max-connections' default follows the files open when a configuration is built: held still here.
        check(() -> ServerConfig.defaults().maxConnections(1000), Options.SERVER_CONFIG, ServerConfig.class);
    }

    @Test
    void everyClientOptionHasOneSetterAndItsAccessorReadsItBack() throws Exception {
        check(ClientConfig::defaults, Options.CLIENT_CONFIG, ClientConfig.class);
    }

    private static void check(Supplier<? extends ContainerConfig.Builder<?>> fresh, List<Option<?>> options,
                              Class<?> configType) throws Exception {
        List<Method> setters = setters(fresh.get().getClass());
        Map<Method, String> setterOf = new HashMap<>();
        for (Option<?> option : options) {
            String sample = OptionSourcesTest.settingOf(option).get(option.name());
            ContainerConfig.Builder<?> byName = fresh.get();
            companions(byName, option);
            ContainerConfig reference = build(byName.option(option.name(), sample));
            List<Method> found = new ArrayList<>();
            for (Method setter : setters) {
                ContainerConfig.Builder<?> builder = fresh.get();
                companions(builder, option);
                Object argument = argument(setter.getParameterTypes()[0], sample);
                if (argument == null || !invoke(setter, builder, argument)) {
                    continue;
                }
                ContainerConfig config;
                try {
                    config = build(builder);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (differences(config, reference, options).isEmpty()) {
                    found.add(setter);
                }
            }
            assertThat(found).as("the setters of " + option.name()).hasSize(1);
            Method setter = found.get(0);
            setterOf.put(setter, option.name());
            if (option.isSecret()) {
                continue; // no accessor gives a password away
            }
            Method accessor = configType.getMethod(setter.getName());
            // allowed-origins reads back as the policy it makes
            if (accessor.getReturnType() == setter.getParameterTypes()[0]) {
                ContainerConfig.Builder<?> builder = fresh.get();
                companions(builder, option);
                setter.invoke(builder, argument(setter.getParameterTypes()[0], sample));
                Object read = accessor.invoke(build(builder));
                Object expected = argument(setter.getParameterTypes()[0], sample);
                assertThat(read).as("accessor " + setter.getName() + "()").isEqualTo(expected);
            }
        }
        assertThat(setterOf.keySet()).as("every setter sets an option").containsExactlyInAnyOrderElementsOf(setters);
    }

    /** tls-cert and tls-key go together: the other of the two is set by name first. */
    private static void companions(ContainerConfig.Builder<?> builder, Option<?> option) {
        OptionSourcesTest.settingOf(option).forEach((name, value) -> {
            if (!name.equals(option.name())) {
                builder.option(name, value);
            }
        });
    }

    /** @return the options whose values differ */
    private static List<String> differences(ContainerConfig config, ContainerConfig reference, List<Option<?>> options) {
        return options.stream().map(Option::name)
                .filter(name -> !config.option(name).equals(reference.option(name))).toList();
    }

    private static List<Method> setters(Class<?> builderType) {
        List<Method> setters = new ArrayList<>();
        for (Method method : builderType.getMethods()) {
            if (method.getParameterCount() == 1 && method.getReturnType().isAssignableFrom(builderType)
                    && !Modifier.isStatic(method.getModifiers())
                    // set in code only, no option's: the authenticator, the metrics listeners
                    && !method.getName().equals("authenticator") && !method.getName().equals("metricsListener")) {
                setters.add(method);
            }
        }
        return setters;
    }

    private static Object argument(Class<?> type, String sample) {
        try {
            if (type == int.class) {
                return Integer.valueOf(sample);
            } else if (type == long.class) {
                return Long.valueOf(sample);
            } else if (type == boolean.class) {
                return sample.equals("true") || sample.equals("false") ? Boolean.valueOf(sample) : null;
            } else if (type == SendQueuePolicy.class) {
                return SendQueuePolicy.valueOf(sample.toUpperCase(Locale.ROOT));
            } else if (type == String.class) {
                return sample;
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static boolean invoke(Method setter, Object builder, Object argument) throws IllegalAccessException {
        try {
            setter.invoke(builder, argument);
            return true;
        } catch (InvocationTargetException e) {
            return false; // the value is not one this setter's option takes
        }
    }

    private static ContainerConfig build(ContainerConfig.Builder<?> builder) {
        return builder.build();
    }
}
