package dev.netlab.bench;

import java.util.Arrays;
import java.util.Collection;

/** The median of repeated timings: one slow run on a shared machine does not drag it around. */
public final class Medians {

    private Medians() {
    }

    public static double of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to take the median of");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
