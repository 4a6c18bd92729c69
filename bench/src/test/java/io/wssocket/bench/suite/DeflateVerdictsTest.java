package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The permessage-deflate targets under their tables: the best peer that negotiated, and idle memory with over without. */
class DeflateVerdictsTest {

    private static ResultLine echo(String server, double msgs, String deflate) {
        return ResultLine.parse("RESULT server=" + server + " scenario=deflate config=json-64-w1 label=\"64 B JSON, window 1\""
                + " round=1 msgs_per_s=" + msgs + " deflate=" + deflate + " errors=0");
    }

    private static ResultLine idle(String server, String config, double heap, double rss, String deflate) {
        return ResultLine.parse("RESULT server=" + server + " scenario=deflate-idle config=" + config + " label=\"" + config + "\""
                + " round=1 heap_per_conn_kib=" + heap + " rss_per_conn_kib=" + rss + " deflate=" + deflate + " errors=0");
    }

    @Test
    void echoIsComparedWithTheBestPeerThatNegotiatedDeflate() {
        String text = DeflateVerdicts.echo(List.of(echo("wssocket", 1000, "no_context_both"), echo("jetty", 800, "takeover_both"),
                echo("tomcat", 900, "takeover_both"), echo("undertow", 5000, "none")));

        assertThat(text).contains("64 B JSON, window 1: WS Socket 1,000 msgs/s, best peer Tomcat 11 900 msgs/s: **1.11×**")
                .contains("(target ≥ 1.0×: met)").contains("did not negotiate deflate: Undertow 2.3");
    }

    @Test
    void idleMemoryWithDeflateIsSetAgainstWithoutPerServer() {
        String text = DeflateVerdicts.idle(List.of(
                idle("wssocket", "idle-1000-plain", 5.0, 20.0, "off"), idle("wssocket", "idle-1000-deflate", 5.0, 24.0, "no_context_both"),
                idle("tomcat", "idle-1000-plain", 10.0, 40.0, "off"), idle("tomcat", "idle-1000-deflate", 20.0, 400.0, "takeover_both")));

        assertThat(text).contains("- WS Socket: heap 1.00× (+0.0), RSS 1.20× (+4.0) (target ≤ 1.1×: not met)")
                .contains("- Tomcat 11: heap 2.00× (+10.0), RSS 10.00× (+360.0)\n");
    }

    @Test
    void aFigureNearZeroIsJudgedByItsDifferenceAgainstHowMuchItSpreadsOverTheRounds() {
        String text = DeflateVerdicts.idle(List.of(
                idle("wssocket", "idle-8000-plain", 2.3, 0.1, "off"), idle("wssocket", "idle-8000-plain", 2.3, 0.4, "off"),
                idle("wssocket", "idle-8000-plain", 2.4, -0.1, "off"),
                idle("wssocket", "idle-8000-deflate", 2.4, 0.3, "no_context_both"),
                idle("wssocket", "idle-8000-deflate", 2.4, 0.2, "no_context_both"),
                idle("wssocket", "idle-8000-deflate", 2.5, 0.1, "no_context_both")));

        assertThat(text).contains("- WS Socket: heap 1.04× (+0.1), RSS 2.00× (+0.1) (target ≤ 1.1×: met; "
                + "RSS +0.1 KiB/conn within the 0.5 KiB/conn its figure without deflate spreads over the rounds)");
    }
}
