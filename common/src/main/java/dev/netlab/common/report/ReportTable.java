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
 * Lays runs side by side: one column per {@link RunGroup} (repeats of one configuration, shown
 * as medians), one row per numeric result field (nested fields as dotted names), each value
 * followed by its ratio to the baseline group. Fields are taken from the reports themselves, so
 * the table works for both tools and for fields added later.
 */
public final class ReportTable {

    private final List<RunGroup> groups;
    private final int baseline;

    /** @param baseline index into the groups of {@code runs} that ratios are taken against */
    public ReportTable(List<RunReport> runs, int baseline) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to compare");
        }
        this.groups = RunGroup.of(runs);
        if (baseline < 0 || baseline >= groups.size()) {
            throw new IllegalArgumentException(
                    "baseline " + (baseline + 1) + " is not one of the " + groups.size() + " runs");
        }
        this.baseline = baseline;
    }

    public List<RunGroup> groups() {
        return groups;
    }

    /** Numeric result fields of one run, in document order, arrays left out. */
    public static Map<String, Double> numericFields(RunReport run) {
        Map<String, Double> fields = new LinkedHashMap<>();
        collect("", run.result(), fields);
        return fields;
    }

    /** Every numeric result field of any run, in first-seen order. */
    public Set<String> fieldNames() {
        Set<String> names = new LinkedHashSet<>();
        for (RunGroup group : groups) {
            group.runs().forEach(run -> names.addAll(numericFields(run).keySet()));
        }
        return names;
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

    /** The table as rows of cells, header rows first. */
    public List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("run", i -> "#" + (i + 1) + (i == baseline ? " (baseline)" : "")));
        rows.add(row("config", i -> groups.get(i).label()));
        rows.add(row("repeats", i -> String.valueOf(groups.get(i).runs().size())));
        for (String name : fieldNames()) {
            Double base = groups.get(baseline).median(name);
            rows.add(row(name, i -> cell(groups.get(i).median(name), base, i == baseline)));
        }
        return rows;
    }

    public String render() {
        return format(rows());
    }

    private interface Cell {
        String at(int group);
    }

    private String[] row(String name, Cell cell) {
        String[] row = new String[groups.size() + 1];
        row[0] = name;
        for (int i = 0; i < groups.size(); i++) {
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
