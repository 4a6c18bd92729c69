package io.wssocket.boot;

import io.wssocket.deploy.ApplicationSource;
import io.wssocket.config.ConfigSources;
import io.wssocket.config.Option;
import io.wssocket.config.Options;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bootstrap main's arguments: {@code --name value} or {@code --name=value} for every option
 * of the server's configuration ({@link Options#SERVER_CONFIG}), {@code --config FILE},
 * {@code --help}, {@code --version}, the main's own {@code --fail-fast}, and the applications to
 * deploy.
 */
final class CommandLine {
    final Map<String, String> flags;
    final List<ApplicationSource> applications;
    final boolean help;
    final boolean version;
    /** Whether one application that cannot be deployed stops the main from starting (the default). */
    final boolean failFast;

    private CommandLine(Map<String, String> flags, List<ApplicationSource> applications, boolean help, boolean version,
                        boolean failFast) {
        this.flags = flags;
        this.applications = applications;
        this.help = help;
        this.version = version;
        this.failFast = failFast;
    }

    /** @throws IllegalArgumentException with a message for the user */
    static CommandLine parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<ApplicationSource> applications = new ArrayList<>();
        boolean help = false;
        boolean version = false;
        boolean failFast = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--version")) {
                version = true;
            } else if (arg.equals("--no-fail-fast")) {
                failFast = false;
            } else if (arg.equals("--fail-fast") || arg.startsWith("--fail-fast=")) {
                // The one flag whose value may be left out: "--fail-fast app.jar" must not read app.jar as it.
                boolean valueFollows = !arg.contains("=") && i + 1 < args.length
                        && (args[i + 1].equals("true") || args[i + 1].equals("false"));
                failFast = bool("--fail-fast", arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                        : valueFollows ? args[++i] : "true");
            } else if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (!name.equals("deploy") && !takesValue(name)) {
                    value = null; // refused below, without taking the next argument for its value
                } else if (isBoolean(name) && !(i + 1 < args.length && isBooleanWord(args[i + 1]))) {
                    value = "true"; // as with --fail-fast: "--metrics app.jar" must not read app.jar as its value
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                if (name.equals("deploy")) {
                    applications.add(application(value));
                    continue;
                }
                if (!takesValue(name)) {
                    throw new IllegalArgumentException("unknown option " + arg.split("=")[0] + " (see --help)");
                }
                flags.put(name, value);
            } else {
                applications.add(application(arg));
            }
        }
        return new CommandLine(flags, List.copyOf(applications), help, version, failFast);
    }

    private static boolean bool(String flag, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(flag + ": cannot read '" + value + "' (true or false)");
        }
        return Boolean.parseBoolean(value);
    }

    /** {@code app.jar} (served at the root) or {@code app.jar=/chat} (served under /chat). */
    private static ApplicationSource application(String arg) {
        int eq = arg.lastIndexOf('=');
        if (eq < 0) {
            return ApplicationSource.of(Path.of(arg));
        }
        return ApplicationSource.of(Path.of(arg.substring(0, eq)), arg.substring(eq + 1));
    }

    /** Whether {@code --name} is a true-or-false option, whose value may be left out to mean true. */
    private static boolean isBoolean(String name) {
        Option<?> option = Options.byName(name);
        return option != null && option.type().isBoolean();
    }

    private static boolean isBooleanWord(String arg) {
        return arg.equalsIgnoreCase("true") || arg.equalsIgnoreCase("false");
    }

    /** Whether {@code --name} is an option of the server's configuration, or {@code --config}. */
    private static boolean takesValue(String name) {
        Option<?> option = Options.byName(name);
        return name.equals(ConfigSources.CONFIG_FILE) || option != null && Options.SERVER_CONFIG.contains(option);
    }

    static String usage() {
        StringBuilder out = new StringBuilder();
        out.append("Usage: java -jar wssocket.jar [options] [--deploy] [app.jar | classes-dir][=/context-path]...\n\n")
                .append("Starts the WS Socket server and deploys the endpoints found in each application\n")
                .append("(ServerApplicationConfig classes, or else @ServerEndpoint classes), each under its\n")
                .append("own class loader, at the root or under the context path given after '='.\n\n")
                .append("Options. Each can also be set in a configuration file (Java properties, <name>=<value>),\n")
                .append("as an environment variable WSSOCKET_<NAME> or as a system property -Dwssocket.<name>=<value>;\n")
                .append("a flag wins over a system property, which wins over the environment, which wins over the file.\n");
        out.append(String.format("  %-26s %s%n", "--config <file>", "The configuration file (else -Dwssocket.config, else WSSOCKET_CONFIG)."));
        for (Option<?> option : Options.SERVER_CONFIG) {
            boolean bool = option.type().isBoolean();
            out.append(String.format("  %-26s %s%n  %-26s %s, default: %s; %s%n",
                    option.flag() + (bool ? " [true|false]" : " <value>"), option.description(), "", option.type().description(),
                    option.defaultText(), option.environmentVariable()));
        }
        out.append(String.format("  %-26s %s%n", "--deploy <app>[=/context]", "Deploy an application (the same as naming it without the flag)."));
        out.append(String.format("  %-26s %s%n  %-26s %s%n", "--fail-fast[=true|false]",
                "Stop, with status 1, when an application cannot be deployed (the default);", "--no-fail-fast",
                "or report it and start the others (the same as --fail-fast=false)."));
        out.append(String.format("  %-26s %s%n", "--version", "Print the version and exit."));
        out.append(String.format("  %-26s %s%n", "--help", "Print this help and exit."));
        out.append("\nExit status: 0 after --help, --version or a stop by SIGINT/SIGTERM; 1 when the server cannot start\n")
                .append("(an application not deployed, the port in use, an unknown host, an unreadable keystore);\n")
                .append("2 for a usage error (an unknown option, a bad value). Failures are one line on stderr;\n")
                .append("their stack traces are logged at FINE by io.wssocket.boot.Main.\n");
        return out.toString();
    }
}
