package io.cachedjobs.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians, percentiles and spreads of measured values. */
final class Stats {

    private Stats() {}

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** The median and [min-max]. */
    static String spread(List<Double> values) {
        String format = median(values) < 10 ? "%.2f [%.2f-%.2f]" : "%.0f [%.0f-%.0f]";
        return String.format(Locale.ROOT, format, median(values), Collections.min(values), Collections.max(values));
    }
}
