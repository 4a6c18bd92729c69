package io.wssocket.bench.suite;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wss target in sentences under its tables: for each run, WS Socket's messages/s (or
 * handshakes/s) against the best peer on the JDK's SSLEngine, the yardstick (at least
 * 1.0×), with Netty on OpenSSL beside it where it ran: a native TLS stack is another league, shown
 * but not the target.
 */
final class TlsVerdicts {

    private TlsVerdicts() {
    }

    static String markdown(List<ResultLine> lines) {
        StringBuilder b = new StringBuilder("\nAgainst the best peer on the JDK's SSLEngine (medians):\n\n");
        DeflateVerdicts.byConfig(lines, Scenario.WSS).forEach((label, byServer) -> {
            String key = byServer.values().stream().flatMap(List::stream).anyMatch(l -> l.get("msgs_per_s") != null)
                    ? "msgs_per_s" : "handshakes_per_s";
            String unit = key.equals("msgs_per_s") ? "msgs/s" : "handshakes/s";
            double ours = DeflateVerdicts.median(byServer.get(ServerKind.SUBJECT), key);
            ServerKind best = null;
            double bestValue = Double.NaN;
            for (Map.Entry<ServerKind, List<ResultLine>> e : byServer.entrySet()) {
                double v = DeflateVerdicts.median(e.getValue(), key);
                if (onJdkSslEngine(e.getKey()) && !Double.isNaN(v) && (best == null || v > bestValue)) {
                    best = e.getKey();
                    bestValue = v;
                }
            }
            b.append("- ").append(label).append(": WS Socket ")
                    .append(Double.isNaN(ours) ? "–" : SuiteReport.format(ours, 0) + " " + unit);
            if (best != null && !Double.isNaN(ours)) {
                double ratio = ours / bestValue;
                b.append(String.format(Locale.ROOT, ", best peer %s %s: **%.2f×** (target ≥ 1.0×: %s)", best.label(),
                        SuiteReport.format(bestValue, 0), ratio, ratio >= 1.0 ? "met" : "not met"));
            }
            double openSsl = DeflateVerdicts.median(byServer.get(ServerKind.NETTY_OPENSSL), key);
            if (!Double.isNaN(openSsl) && !Double.isNaN(ours)) {
                b.append(String.format(Locale.ROOT, "; %s %s (%.2f×)", ServerKind.NETTY_OPENSSL.label(),
                        SuiteReport.format(openSsl, 0), ours / openSsl));
            }
            b.append('\n');
        });
        return b.toString();
    }

    /** The peers the target is set against: not WS Socket in any form, not a native TLS stack. */
    static boolean onJdkSslEngine(ServerKind k) {
        return k != ServerKind.NETTY_OPENSSL && !k.id().startsWith(ServerKind.SUBJECT.id());
    }
}
