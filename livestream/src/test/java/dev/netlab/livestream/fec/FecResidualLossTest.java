package dev.netlab.livestream.fec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.netlab.livestream.impair.Direction;
import dev.netlab.livestream.impair.ImpairmentConfig;
import dev.netlab.livestream.impair.ImpairmentModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A seeded simulation of each FEC scheme through the impairment model's loss processes (the same
 * {@link ImpairmentModel} the relay uses; repairs are lost like sources). It reports the residual
 * loss a receiver sees after recovery: with no deadline, and counting a packet as lost unless it
 * arrived or was rebuilt within 5, 10 or 20 source packets of being sent (a 100 ms playout
 * budget with 20 ms, 10 ms or 5 ms audio packets). Writes the tables to {@code target/fec-residual-loss.md}
 * and stdout for the README.
 */
class FecResidualLossTest {

    static final int[] DEADLINES_PACKETS = {5, 10, 20};
    static final int PACKETS = 60_000;
    static final long SEED = 42;
    static final List<String> SCHEMES = List.of("none", "xor-row:5", "xor-row:10", "xor-2d:4x4", "xor-2d:5x5",
            "xor-2d:10x10", "rs:5+1", "rs:10+2", "rs:10+4", "rs:20+5");

    /** Raw datagram loss, then residual source loss without deadline and per deadline. */
    record Outcome(double rawLoss, double residual, double[] residualWithin) {
    }

    static Outcome simulate(FecScheme scheme, ImpairmentConfig loss, int packets) {
        ImpairmentModel model = new ImpairmentModel(loss, Direction.TO_CLIENT);
        FecEncoder encoder = scheme.newEncoder();
        FecDecoder decoder = scheme.newDecoder();
        SplittableRandom content = new SplittableRandom(SEED);
        int[] delay = new int[packets];
        java.util.Arrays.fill(delay, Integer.MAX_VALUE);
        long sent = 0;
        long lost = 0;
        int first = 65000;
        for (int i = 0; i < packets; i++) {
            int sequence = SequenceNumbers.add(first, i);
            byte[] packet = new byte[20 + content.nextInt(200)];
            content.nextBytes(packet);
            List<byte[]> repairs = encoder.add(sequence, packet);
            sent += 1 + repairs.size();
            if (model.nextLost()) {
                lost++;
            } else {
                delay[i] = 0;
                decoder.addSource(sequence, packet);
            }
            for (byte[] repair : repairs) {
                if (model.nextLost()) {
                    lost++;
                } else {
                    decoder.addRepair(repair);
                }
            }
            for (RecoveredPacket recovered : decoder.drainRecovered()) {
                int position = i - SequenceNumbers.distance(sequence, recovered.sequence());
                delay[position] = i - position;
            }
        }
        double[] within = new double[DEADLINES_PACKETS.length];
        for (int d = 0; d < within.length; d++) {
            within[d] = missingFraction(delay, DEADLINES_PACKETS[d]);
        }
        return new Outcome((double) lost / sent, missingFraction(delay, Integer.MAX_VALUE - 1), within);
    }

    private static double missingFraction(int[] delay, int deadline) {
        long missing = java.util.Arrays.stream(delay).filter(d -> d > deadline).count();
        return (double) missing / delay.length;
    }

    static Map<String, ImpairmentConfig> lossConditions() {
        Map<String, ImpairmentConfig> conditions = new LinkedHashMap<>();
        conditions.put("5% random loss", ImpairmentConfig.NONE.withLoss(0.05, 0).withSeed(SEED));
        conditions.put("10% random loss", ImpairmentConfig.NONE.withLoss(0.10, 0).withSeed(SEED));
        conditions.put("20% loss in bursts of mean length 5 (Gilbert-Elliott)",
                ImpairmentConfig.NONE.withLoss(0.20, 5).withSeed(SEED));
        return conditions;
    }

    @Test
    void everySchemeLeavesLessLossThanNoFecAndTheTablesAreWritten() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("Residual loss of source packets after FEC: " + PACKETS + " packets per run, seed " + SEED
                + ", repairs lost like sources (FecResidualLossTest).");
        for (Map.Entry<String, ImpairmentConfig> condition : lossConditions().entrySet()) {
            lines.add("");
            lines.add("### " + condition.getKey());
            lines.add("");
            lines.add("| scheme | overhead | raw datagram loss | residual | deadline 5 pkts | deadline 10 pkts | deadline 20 pkts |");
            lines.add("|---|---|---|---|---|---|---|");
            double noFec = Double.NaN;
            for (String spec : SCHEMES) {
                FecScheme scheme = FecScheme.parse(spec);
                Outcome outcome = simulate(scheme, condition.getValue(), PACKETS);
                lines.add(String.format(Locale.ROOT, "| %s | %.0f%% | %.2f%% | %.3f%% | %.3f%% | %.3f%% | %.3f%% |", spec,
                        100 * scheme.overheadRatio(), 100 * outcome.rawLoss(), 100 * outcome.residual(),
                        100 * outcome.residualWithin()[0], 100 * outcome.residualWithin()[1],
                        100 * outcome.residualWithin()[2]));
                if (spec.equals("none")) {
                    noFec = outcome.residual();
                    assertThat(noFec).isCloseTo(condition.getValue().loss(), within(0.01));
                } else {
                    assertThat(outcome.residual()).as("%s at %s", spec, condition.getKey()).isLessThan(noFec);
                }
            }
        }
        Path table = Path.of("target", "fec-residual-loss.md");
        Files.createDirectories(table.getParent());
        Files.write(table, lines);
        lines.forEach(System.out::println);
    }

    @Test
    void twoDimensionalParityBeatsRowParityOfTheSameRowLengthAtTenPercentRandomLoss() {
        ImpairmentConfig tenPercent = ImpairmentConfig.NONE.withLoss(0.10, 0).withSeed(SEED);

        double row = simulate(FecScheme.parse("xor-row:5"), tenPercent, 20_000).residual();
        double twoD = simulate(FecScheme.parse("xor-2d:5x5"), tenPercent, 20_000).residual();

        assertThat(twoD).isLessThan(row / 4);
    }
}
