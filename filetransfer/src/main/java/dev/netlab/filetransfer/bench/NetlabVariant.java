package dev.netlab.filetransfer.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration of {@code filetransfer send} in the matrix: chunk size (null for the tool's
 * default), parallel streams and TLS. Its params are what tells its runs apart in a comparison.
 */
record NetlabVariant(Long chunkSize, int streams, boolean tls) {

    /** The send options this variant adds to the command line. */
    List<String> sendOptions() {
        List<String> options = new ArrayList<>();
        if (chunkSize != null) {
            options.add("--chunk-size");
            options.add(TransferData.sizeLabel(chunkSize));
        }
        options.add("--streams");
        options.add(String.valueOf(streams));
        if (tls) {
            options.add("--tls");
        }
        return options;
    }

    Map<String, Object> params(TransferData data) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("data", data.label());
        params.put("chunkSize", chunkSize == null ? "default" : TransferData.sizeLabel(chunkSize));
        params.put("streams", streams);
        params.put("tls", tls ? "on" : "off");
        return params;
    }

    /** Every combination, in the order the options list them. */
    static List<NetlabVariant> matrix(List<Long> chunkSizes, List<Integer> streams, List<Boolean> tlsModes) {
        List<Long> chunks = chunkSizes.isEmpty() ? java.util.Collections.singletonList(null) : chunkSizes;
        List<NetlabVariant> variants = new ArrayList<>();
        for (Boolean tls : tlsModes) {
            for (Long chunk : chunks) {
                for (Integer n : streams) {
                    variants.add(new NetlabVariant(chunk, n, tls));
                }
            }
        }
        return variants;
    }

    /** A short name for file names and progress lines: {@code s1-cdefault-plain}. */
    String slug() {
        return "s" + streams + "-c" + (chunkSize == null ? "default" : TransferData.sizeLabel(chunkSize))
                + (tls ? "-tls" : "-plain");
    }
}
