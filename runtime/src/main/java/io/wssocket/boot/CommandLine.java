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
 * {@code --help}, and the applications to deploy.
 */
final class CommandLine {
    final Map<String, String> flags;
    final List<ApplicationSource> applications;
    final boolean help;

    private CommandLine(Map<String, String> flags, List<ApplicationSource> applications, boolean help) {
        this.flags = flags;
        this.applications = applications;
        this.help = help;
    }

    /** @throws IllegalArgumentException with a message for the user */
    static CommandLine parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<ApplicationSource> applications = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                if (name.equals("deploy")) {
                    applications.add(application(value));
                    continue;
                }
                if (!name.equals(ConfigSources.CONFIG_FILE) && !isServerOption(name)) {
                    throw new IllegalArgumentException("unknown option " + arg.split("=")[0] + " (see --help)");
                }
                flags.put(name, value);
            } else {
                applications.add(application(arg));
            }
        }
        return new CommandLine(flags, List.copyOf(applications), help);
    }

    /** {@code app.jar} (served at the root) or {@code app.jar=/chat} (served under /chat). */
    private static ApplicationSource application(String arg) {
        int eq = arg.lastIndexOf('=');
        if (eq < 0) {
            return ApplicationSource.of(Path.of(arg));
        }
        return ApplicationSource.of(Path.of(arg.substring(0, eq)), arg.substring(eq + 1));
    }

    private static boolean isServerOption(String name) {
        Option<?> option = Options.byName(name);
        return option != null && Options.SERVER_CONFIG.contains(option);
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
            out.append(String.format("  %-26s %s%n  %-26s %s, default: %s; %s%n",
                    option.flag() + " <value>", option.description(), "", option.type().description(),
                    option.defaultText(), option.environmentVariable()));
        }
        out.append(String.format("  %-26s %s%n", "--deploy <app>[=/context]", "Deploy an application (the same as naming it without the flag)."));
        out.append(String.format("  %-26s %s%n", "--help", "Print this help and exit."));
        return out.toString();
    }
}
