package dev.netlab.livestream.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell of the livestream matrix: the loss rate and mean burst length {@code impair} applies,
 * the FEC scheme {@code serve} adds, and whether the receiver may ask for retransmissions.
 * Its params are what {@code compare} groups by: {@code loss} (as {@code "5%"}) is the x axis of
 * the page's loss charts, the rest names the series.
 */
record StreamVariant(double loss, double burst, String fec, boolean retransmit) {

    Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("loss", lossLabel());
        params.put("burst", burst == Math.rint(burst) ? (Object) (long) burst : (Object) burst);
        params.put("fec", fec);
        params.put("retransmit", retransmit ? "on" : "off");
        return params;
    }

    /** {@code 0.05} becomes {@code "5%"}, {@code 0.005} becomes {@code "0.5%"}. */
    String lossLabel() {
        return BigDecimal.valueOf(loss * 100).stripTrailingZeros().toPlainString() + "%";
    }

    List<String> impairOptions(long seed) {
        return List.of("--loss", lossLabel(), "--burst", BigDecimal.valueOf(burst).stripTrailingZeros().toPlainString(),
                "--seed", String.valueOf(seed));
    }

    /** A short name for file names: {@code loss5-burst0-xor-row4-rtx}. */
    String slug() {
        return "loss" + lossLabel().replace("%", "") + "-burst" + params().get("burst") + "-"
                + fec.replace(":", "").replace("+", "p") + (retransmit ? "-rtx" : "-nortx");
    }

    /** Every combination: per scheme and retransmission mode, the loss rates in order, so each series is drawn left to right. */
    static List<StreamVariant> matrix(List<Double> losses, List<Double> bursts, List<String> fecs, List<Boolean> retransmits) {
        List<StreamVariant> variants = new ArrayList<>();
        for (Boolean retransmit : retransmits) {
            for (String fec : fecs) {
                for (Double burst : bursts) {
                    for (Double loss : losses) {
                        variants.add(new StreamVariant(loss, burst, fec, retransmit));
                    }
                }
            }
        }
        return variants;
    }
}
