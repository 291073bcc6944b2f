package dev.netlab.livestream.impair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImpairmentModelTest {

    private static final int SAMPLES = 200_000;
    private static final byte[] DATAGRAM = {1, 2, 3, 4, 5, 6, 7, 8};

    @ParameterizedTest
    @CsvSource({"0.05, 0", "0.10, 0", "0.20, 5", "0.05, 3", "0.50, 2"})
    void longRunLossRateMatchesTheConfiguredLossWithin0point5Percent(double loss, double burst) {
        ImpairmentModel model = new ImpairmentModel(config(loss, burst, 1), Direction.TO_TARGET);

        int lost = 0;
        for (int i = 0; i < SAMPLES; i++) {
            lost += model.nextLost() ? 1 : 0;
        }

        assertThat((double) lost / SAMPLES).isCloseTo(loss, within(0.005));
    }

    @ParameterizedTest
    @CsvSource({"0.20, 5", "0.05, 3", "0.10, 1", "0.02, 10"})
    void burstsHaveTheConfiguredMeanLengthWithin10Percent(double loss, double burst) {
        ImpairmentModel model = new ImpairmentModel(config(loss, burst, 2), Direction.TO_TARGET);

        List<Integer> bursts = burstLengths(model, SAMPLES * 2);

        double mean = bursts.stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(mean).isCloseTo(burst, within(burst * 0.10));
    }

    @Test
    void randomLossHasMeanBurstLengthNearOneOverOneMinusLoss() {
        ImpairmentModel model = new ImpairmentModel(config(0.10, 0, 3), Direction.TO_TARGET);

        double mean = burstLengths(model, SAMPLES).stream().mapToInt(Integer::intValue).average().orElseThrow();

        assertThat(mean).isCloseTo(1 / 0.9, within(0.03));
    }

    @Test
    void theSameSeedAndDirectionGiveTheSameDecisionsAndTheOtherDirectionDiffers() {
        ImpairmentConfig config = config(0.3, 2, 77);
        ImpairmentModel a = new ImpairmentModel(config, Direction.TO_TARGET);
        ImpairmentModel b = new ImpairmentModel(config, Direction.TO_TARGET);
        ImpairmentModel other = new ImpairmentModel(config, Direction.TO_CLIENT);

        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        StringBuilder third = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            first.append(a.nextLost() ? 'x' : '.');
            second.append(b.nextLost() ? 'x' : '.');
            third.append(other.nextLost() ? 'x' : '.');
        }

        assertThat(second.toString()).isEqualTo(first.toString());
        assertThat(third.toString()).isNotEqualTo(first.toString());
    }

    @Test
    void duplicationDoesNotChangeWhichDatagramsAreLost() {
        ImpairmentConfig plain = config(0.2, 0, 5);
        ImpairmentConfig duplicating = plain.withReorderDuplicateCorrupt(0, 0.5, 0.5);
        ImpairmentModel a = new ImpairmentModel(plain, Direction.TO_TARGET);
        ImpairmentModel b = new ImpairmentModel(duplicating, Direction.TO_TARGET);

        for (int i = 0; i < 10_000; i++) {
            assertThat(b.decide(DATAGRAM).isEmpty()).isEqualTo(a.decide(DATAGRAM).isEmpty());
        }
    }

    @Test
    void duplicateCorruptAndReorderRatesMatchTheConfigWithin1Percent() {
        ImpairmentConfig config = ImpairmentConfig.NONE.withReorderDuplicateCorrupt(0.05, 0.10, 0.02).withSeed(9);
        ImpairmentModel model = new ImpairmentModel(config, Direction.TO_CLIENT);
        int datagrams = 0;
        int copies = 0;
        int corrupted = 0;
        int reordered = 0;

        for (int i = 0; i < SAMPLES; i++) {
            List<Delivery> deliveries = model.decide(DATAGRAM);
            datagrams++;
            copies += deliveries.size();
            for (Delivery delivery : deliveries) {
                corrupted += delivery.corrupted() ? 1 : 0;
                reordered += delivery.reordered() ? 1 : 0;
                assertThat(delivery.corrupted()).isEqualTo(!java.util.Arrays.equals(delivery.datagram(), DATAGRAM));
                assertThat(delivery.delayNanos()).isEqualTo(delivery.reordered() ? ImpairmentModel.REORDER_EXTRA_DELAY : 0);
            }
        }

        assertThat((double) (copies - datagrams) / datagrams).isCloseTo(0.10, within(0.01));
        assertThat((double) corrupted / copies).isCloseTo(0.02, within(0.01));
        assertThat((double) reordered / copies).isCloseTo(0.05, within(0.01));
        assertThat(DATAGRAM).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void corruptionFlipsExactlyOneByte() {
        ImpairmentModel model = new ImpairmentModel(
                ImpairmentConfig.NONE.withReorderDuplicateCorrupt(0, 0, 1).withSeed(4), Direction.TO_TARGET);

        for (int i = 0; i < 1000; i++) {
            byte[] out = model.decide(DATAGRAM).get(0).datagram();
            int differing = 0;
            for (int k = 0; k < DATAGRAM.length; k++) {
                differing += out[k] != DATAGRAM[k] ? 1 : 0;
            }
            assertThat(differing).isEqualTo(1);
        }
    }

    @Test
    void delaysStayWithinDelayPlusOrMinusJitterAndAverageTheDelay() {
        ImpairmentConfig config = ImpairmentConfig.NONE.withDelay(Duration.ofMillis(20), Duration.ofMillis(5)).withSeed(6);
        ImpairmentModel model = new ImpairmentModel(config, Direction.TO_TARGET);

        long sum = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long delay = model.decide(DATAGRAM).get(0).delayNanos();
            assertThat(delay).isBetween(15_000_000L, 25_000_000L);
            sum += delay;
        }

        assertThat(sum / (double) SAMPLES).isCloseTo(20_000_000, within(100_000.0));
    }

    @Test
    void refusesImpossibleOrOutOfRangeSettingsNamingTheValue() {
        assertThatThrownBy(() -> config(1.5, 0, 0)).hasMessage("loss 1.5 not in 0..1 (0%..100%)");
        assertThatThrownBy(() -> config(0.1, 0.5, 0)).hasMessage("burst length 0.5 must be 0 (random loss) or >= 1");
        assertThatThrownBy(() -> config(0.8, 2, 0))
                .hasMessage("loss 0.8000 with mean burst 2.000 is impossible: at most 0.6667 (burst/(burst+1))");
        assertThatThrownBy(() -> ImpairmentConfig.NONE.withDelay(Duration.ofSeconds(11), Duration.ZERO))
                .hasMessage("delay PT11S not in 0..10000ms");
    }

    @Test
    void totalLossDropsEverything() {
        ImpairmentModel model = new ImpairmentModel(config(1, 5, 0), Direction.TO_TARGET);

        for (int i = 0; i < 100; i++) {
            assertThat(model.decide(DATAGRAM)).isEmpty();
        }
    }

    private static ImpairmentConfig config(double loss, double burst, long seed) {
        return ImpairmentConfig.NONE.withLoss(loss, burst).withSeed(seed);
    }

    private static List<Integer> burstLengths(ImpairmentModel model, int samples) {
        List<Integer> bursts = new ArrayList<>();
        int run = 0;
        for (int i = 0; i < samples; i++) {
            if (model.nextLost()) {
                run++;
            } else if (run > 0) {
                bursts.add(run);
                run = 0;
            }
        }
        return bursts;
    }
}
