package io.wssocket.interop.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The generator's arguments, each {@code --name=value}; a value that is still a Maven expression
 * ({@code ${...}}) counts as absent.
 *
 * <pre>
 * --reports=DIR          surefire's reports directory
 * --run-started=TIME     the build's start, an ISO instant (Maven's maven.build.timestamp)
 * --readme=FILE          README.md, whose interop-matrix section is rewritten
 * --page=FILE            docs/interop.md, rewritten whole
 * --npm-lock=FILE        package-lock.json of the Node.js drivers, for the ws version (optional)
 * --version=KEY=VERSION  a peer's pinned version, e.g. tyrus=2.2.0 (repeatable)
 * </pre>
 */
record ReportOptions(Path reports, Instant runStarted, Path readme, Path page, Optional<Path> npmLock, Map<String, String> versions) {
    ReportOptions {
        versions = Map.copyOf(versions);
    }

    static ReportOptions parse(String... args) {
        Arguments arguments = Arguments.of(args);
        return new ReportOptions(Path.of(arguments.required("reports")), Instant.parse(arguments.required("run-started")),
                Path.of(arguments.required("readme")), Path.of(arguments.required("page")),
                Optional.ofNullable(arguments.single().get("npm-lock")).map(Path::of), arguments.versions());
    }

    /**
     * A generator's {@code --name=value} arguments: the single ones by name, the repeatable
     * {@code --version=KEY=VERSION} ones by key; a value that is still a Maven expression is left out.
     */
    record Arguments(Map<String, String> single, Map<String, String> versions) {
        static Arguments of(String... args) {
            Map<String, String> single = new HashMap<>();
            Map<String, String> versions = new HashMap<>();
            for (String arg : args) {
                int equals = arg.indexOf('=');
                if (!arg.startsWith("--") || equals < 0) {
                    throw new IllegalArgumentException("expected --name=value, got " + arg);
                }
                String name = arg.substring(2, equals);
                String value = arg.substring(equals + 1).strip();
                if (value.isEmpty() || value.contains("${")) {
                    continue;
                }
                if (name.equals("version")) {
                    int split = value.indexOf('=');
                    if (split <= 0) {
                        throw new IllegalArgumentException("expected --version=KEY=VERSION, got " + arg);
                    }
                    versions.put(value.substring(0, split), value.substring(split + 1));
                } else {
                    single.put(name, value);
                }
            }
            return new Arguments(Map.copyOf(single), Map.copyOf(versions));
        }

        String required(String name) {
            String value = single.get(name);
            if (value == null) {
                throw new IllegalArgumentException("--" + name + "=... is required");
            }
            return value;
        }
    }
}
