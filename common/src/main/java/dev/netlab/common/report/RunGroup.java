package dev.netlab.common.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Repeats of one configuration: runs of the same tool and command with the same parameters. A
 * group is summarised by medians, which one slow run on a shared machine does not drag around
 * the way a mean would.
 *
 * @param label what tells this group apart from the others it was grouped with
 */
public record RunGroup(String label, List<RunReport> runs) {

    /** Groups runs by tool, command and parameters, in the order each was first seen. */
    public static List<RunGroup> of(List<RunReport> runs) {
        Map<String, List<RunReport>> byKey = new LinkedHashMap<>();
        for (RunReport run : runs) {
            byKey.computeIfAbsent(key(run), k -> new ArrayList<>()).add(run);
        }
        Set<String> varying = varyingParams(runs);
        List<RunGroup> groups = new ArrayList<>();
        for (List<RunReport> members : byKey.values()) {
            groups.add(new RunGroup(label(members.get(0), varying), List.copyOf(members)));
        }
        return groups;
    }

    private static String key(RunReport run) {
        return run.tool() + "\u0000" + run.command() + "\u0000" + new TreeMap<>(params(run));
    }

    private static Map<String, Object> params(RunReport run) {
        return run.params() == null ? Map.of() : run.params();
    }

    private static Set<String> varyingParams(List<RunReport> runs) {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(params(r).keySet()));
        // A param only some runs have (a peer has no chunk size) tells nothing unless its values differ.
        names.removeIf(name -> runs.stream().map(r -> params(r).get(name)).filter(Objects::nonNull)
                .distinct().count() < 2);
        return names;
    }

    private static String label(RunReport run, Set<String> varying) {
        StringBuilder label = new StringBuilder(run.tool()).append(' ').append(run.command());
        for (String name : varying) {
            Object value = params(run).get(name);
            if (value != null) {
                label.append(' ').append(name).append('=').append(value);
            }
        }
        return label.toString();
    }

    /** The median over this group's runs of a numeric result field, or null where none has it. */
    public Double median(String field) {
        double[] values = runs.stream()
                .map(r -> ReportTable.numericFields(r).get(field))
                .filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        if (values.length == 0) {
            return null;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** A parameter of this group (all its runs share it). */
    public JsonNode param(String name) {
        Object value = params(runs.get(0)).get(name);
        return value == null ? null : RunReportJson.mapper().valueToTree(value);
    }

    @Override
    public String toString() {
        return label + " " + Arrays.toString(runs.stream().map(RunReport::startedAt).toArray());
    }
}
