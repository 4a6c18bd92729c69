package io.wssocket.bench.suite;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The soak's part of the report: from its {@code SAMPLE} lines (every 30 s: minutes since the
 * start, the server's RSS and heap after a full GC, the well-behaved sessions' lost messages so
 * far) and its {@code RESULT} line, whether the well-behaved sessions lost anything and whether
 * RSS and heap stayed within 10 % over the last 20 minutes; and a line chart of both.
 */
final class SoakReport {

    /** The window over which memory must stay flat. */
    static final double WINDOW_S = 20 * 60;
    /** How far it may spread in that window: (max − min) / min. */
    static final double TOLERANCE = 0.10;

    private static final double MIB = 1024 * 1024;

    private SoakReport() {
    }

    /** Memory over the window: the samples from {@code WINDOW_S} before the last one (all, in a shorter run). */
    record Window(double fromS, double toS, int samples, double rssMinMib, double rssMaxMib, double heapMinMib,
                  double heapMaxMib) {

        double rssSpread() {
            return spread(rssMinMib, rssMaxMib);
        }

        double heapSpread() {
            return spread(heapMinMib, heapMaxMib);
        }

        boolean flat() {
            return rssSpread() <= TOLERANCE && heapSpread() <= TOLERANCE;
        }

        private static double spread(double min, double max) {
            return min <= 0 ? Double.NaN : (max - min) / min;
        }
    }

    static List<ResultLine> samples(List<ResultLine> lines) {
        return lines.stream().filter(l -> l.kind().equals("SAMPLE") && "soak".equals(l.get("scenario"))
                && l.number("rss_bytes").isPresent() && l.number("heap_used_bytes").isPresent()).toList();
    }

    /** The window of the samples given, or null without samples. */
    static Window window(List<ResultLine> samples) {
        if (samples.isEmpty()) {
            return null;
        }
        double end = samples.get(samples.size() - 1).number("t_s").orElse(0);
        List<ResultLine> in = samples.stream().filter(l -> l.number("t_s").orElse(0) >= end - WINDOW_S).toList();
        double rssMin = Double.MAX_VALUE, rssMax = 0, heapMin = Double.MAX_VALUE, heapMax = 0;
        for (ResultLine l : in) {
            double rss = l.number("rss_bytes").getAsDouble() / MIB;
            double heap = l.number("heap_used_bytes").getAsDouble() / MIB;
            rssMin = Math.min(rssMin, rss);
            rssMax = Math.max(rssMax, rss);
            heapMin = Math.min(heapMin, heap);
            heapMax = Math.max(heapMax, heap);
        }
        return new Window(in.get(0).number("t_s").orElse(0), end, in.size(), rssMin, rssMax, heapMin, heapMax);
    }

    static void section(StringBuilder b, List<ResultLine> lines) {
        List<ResultLine> samples = samples(lines);
        ResultLine result = lines.stream().filter(l -> l.kind().equals("RESULT") && "soak".equals(l.get("scenario")))
                .reduce((a, c) -> c).orElse(null);
        ResultLine failed = lines.stream().filter(l -> l.kind().equals("FAILED") && "soak".equals(l.get("scenario")))
                .findFirst().orElse(null);
        b.append("![Soak: server RSS and heap after GC](").append(SuiteReport.CHART_DIR).append("/soak.png)\n\n");
        if (failed != null) {
            b.append("**Failed**: ").append(SuiteReport.escape(String.valueOf(failed.get("reason")))).append("\n\n");
        }
        if (result != null) {
            long lost = (long) result.number("lost").orElse(-1);
            b.append(String.format(Locale.ROOT, "- Ran %.1f min (%s). Well-behaved sessions: %,d echoes and %,d broadcast "
                            + "deliveries; **lost messages: %,d** (must be 0); late (over 1 s): %,d; failed connects: %,d; "
                            + "unexpected disconnects: %,d; churn: %,d connections opened and closed.\n",
                    result.number("duration_s").orElse(0) / 60, result.get("label"), (long) result.number("echoes").orElse(0),
                    (long) result.number("deliveries").orElse(0), lost, (long) result.number("late").orElse(0),
                    (long) result.number("failed_connects").orElse(0), (long) result.number("disconnects").orElse(0),
                    (long) result.number("churned").orElse(0)));
            b.append(String.format(Locale.ROOT, "- Slow consumers (never read): %,d of %,d clients.\n",
                    (long) result.number("slow").orElse(0), (long) result.number("clients").orElse(0)));
        }
        Window w = window(samples);
        if (w == null) {
            b.append("- No memory samples.\n");
            return;
        }
        b.append(String.format(Locale.ROOT, "- Memory over minutes %.1f–%.1f (%d samples; the last 20 minutes, or the "
                        + "whole run if shorter): RSS %.1f–%.1f MiB (spread %.1f %%), heap after GC %.1f–%.1f MiB "
                        + "(spread %.1f %%): **%s**.\n",
                w.fromS() / 60, w.toS() / 60, w.samples(), w.rssMinMib(), w.rssMaxMib(), 100 * w.rssSpread(),
                w.heapMinMib(), w.heapMaxMib(), 100 * w.heapSpread(),
                w.flat() ? "within 10 %" : "not within 10 %"));
        if (w.toS() - w.fromS() < WINDOW_S - 60) {
            b.append("- This run was shorter than 20 minutes: the memory verdict covers the whole run, warm-up included.\n");
        }
    }

    static void chart(Path file, List<ResultLine> lines) throws IOException {
        XYSeries rss = new XYSeries("RSS MiB");
        XYSeries heap = new XYSeries("heap after GC MiB");
        for (ResultLine l : samples(lines)) {
            double minutes = l.number("t_s").orElse(0) / 60;
            rss.add(minutes, l.number("rss_bytes").getAsDouble() / MIB);
            heap.add(minutes, l.number("heap_used_bytes").getAsDouble() / MIB);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(rss);
        data.addSeries(heap);
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = ChartFactory.createXYLineChart("Soak: WS Socket server memory", "minutes", "MiB", data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.GRAY);
        plot.setDomainGridlinePaint(Color.GRAY);
        plot.getRenderer().setSeriesStroke(0, new BasicStroke(2f));
        plot.getRenderer().setSeriesStroke(1, new BasicStroke(2f));
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 420);
    }
}
