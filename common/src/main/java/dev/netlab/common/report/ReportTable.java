package dev.netlab.common.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lays runs side by side: one column per run, one row per numeric result field (nested fields
 * as dotted names), each value followed by its ratio to the baseline run. Fields are taken from
 * the reports themselves, so the table works for both tools and for fields added later.
 */
public final class ReportTable {

    private final List<RunReport> runs;
    private final int baseline;

    /** @param baseline index into {@code runs} of the run the ratios are taken against */
    public ReportTable(List<RunReport> runs, int baseline) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to compare");
        }
        if (baseline < 0 || baseline >= runs.size()) {
            throw new IllegalArgumentException(
                    "baseline " + (baseline + 1) + " is not one of the " + runs.size() + " runs");
        }
        this.runs = List.copyOf(runs);
        this.baseline = baseline;
    }

    /** Numeric result fields of one run, in document order, arrays left out. */
    public static Map<String, Double> numericFields(RunReport run) {
        Map<String, Double> fields = new LinkedHashMap<>();
        collect("", run.result(), fields);
        return fields;
    }

    private static void collect(String prefix, JsonNode node, Map<String, Double> into) {
        if (node == null) {
            return;
        }
        if (node.isNumber()) {
            into.put(prefix, node.doubleValue());
        } else if (node.isBoolean()) {
            into.put(prefix, node.booleanValue() ? 1.0 : 0.0);
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e ->
                    collect(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into));
        }
    }

    public String render() {
        List<Map<String, Double>> values = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (RunReport run : runs) {
            Map<String, Double> fields = numericFields(run);
            values.add(fields);
            names.addAll(fields.keySet());
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(row("run", i -> "#" + (i + 1) + (i == baseline ? " (baseline)" : "")));
        rows.add(row("tool", i -> runs.get(i).tool() + " " + runs.get(i).command()));
        rows.add(row("startedAt", i -> runs.get(i).startedAt()));
        for (String name : names) {
            Double base = values.get(baseline).get(name);
            rows.add(row(name, i -> cell(values.get(i).get(name), base, i == baseline)));
        }
        return format(rows);
    }

    private interface Cell {
        String at(int run);
    }

    private String[] row(String name, Cell cell) {
        String[] row = new String[runs.size() + 1];
        row[0] = name;
        for (int i = 0; i < runs.size(); i++) {
            row[i + 1] = cell.at(i);
        }
        return row;
    }

    private static String cell(Double value, Double base, boolean isBaseline) {
        if (value == null) {
            return "-";
        }
        String shown = number(value);
        if (isBaseline || base == null || base == 0) {
            return shown;
        }
        return shown + String.format(Locale.ROOT, " (x%.2f)", value / base);
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }

    private static String format(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                out.append(c == 0 ? String.format("%-" + widths[c] + "s", row[c])
                        : String.format("  %" + widths[c] + "s", row[c]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
