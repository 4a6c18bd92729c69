package io.wssocket.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options of the idle and broadcast drivers, checked against the names a
 * driver knows; each getter names its default and its range.
 */
final class DriverArgs {

    private final Map<String, String> values = new HashMap<>();

    DriverArgs(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!flag.startsWith("--") || !known.contains(flag.substring(2))) {
                throw new IllegalArgumentException("unknown option " + flag);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            values.put(flag.substring(2), args[++i]);
        }
    }

    String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    int integer(String name, int defaultValue, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a whole number, got " + value);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--%s must be in %d..%d, got %d", name, min, max, n));
        }
        return n;
    }

    double seconds(String name, double defaultValue, double min) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        double s;
        try {
            s = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number of seconds, got " + value);
        }
        if (!(s >= min) || s > 86_400) {
            throw new IllegalArgumentException("--" + name + " out of range: " + value);
        }
        return s;
    }

    /**
     * A comma-separated list of distinct ports ({@code 8081,8082,8083}), or {@code defaultPort}
     * alone when the option is not given.
     */
    List<Integer> ports(String name, int defaultPort) {
        String value = values.get(name);
        if (value == null) {
            return List.of(defaultPort);
        }
        List<Integer> ports = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            int port;
            try {
                port = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " needs ports separated by commas, got " + value);
            }
            if (port < 1 || port > 65535 || ports.contains(port)) {
                throw new IllegalArgumentException("--" + name + " needs distinct ports in 1..65535, got " + value);
            }
            ports.add(port);
        }
        return List.copyOf(ports);
    }
}
