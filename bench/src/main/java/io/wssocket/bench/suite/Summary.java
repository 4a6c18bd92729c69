package io.wssocket.bench.suite;

import java.util.List;

/** Median, minimum and maximum of one figure over the rounds. */
public record Summary(double median, double min, double max, int count) {

    public static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Summary(median, v[0], v[n - 1], n);
    }

    /** {@code this} median over {@code other}'s, or NaN when {@code other}'s is 0. */
    public double ratioTo(Summary other) {
        return other.median == 0 ? Double.NaN : median / other.median;
    }
}
