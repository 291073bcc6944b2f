package dev.netlab.livestream.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlayoutClockTest {

    private static final long MS = 1_000_000L;

    /** Feeds 5 ms packets for {@code seconds}, transit 10 ms plus {@code jitter(i)}, adapting as it goes. */
    private static void feed(PlayoutClock clock, double seconds, java.util.function.IntToLongFunction jitter) {
        for (int i = 0; i < seconds * 200; i++) {
            long media = i * 5 * MS;
            long arrival = media + 10 * MS + jitter.applyAsLong(i);
            clock.onArrival(media, arrival);
            if (i % 50 == 0) {
                clock.onRoundTrip(20 * MS);
            }
            clock.adapt(arrival);
        }
    }

    @Test
    void onASteadyTwentyMillisecondRoundTripTheDelaySettlesAtThreeAndAHalfRoundTripsPlusTheMargin() {
        PlayoutClock clock = new PlayoutClock(100 * MS);
        feed(clock, 3, i -> 0);

        assertThat(clock.delayNanos()).isEqualTo(85 * MS);
        assertThat(clock.playoutAt(0)).isEqualTo(10 * MS - 10 * MS + 85 * MS);
    }

    @Test
    void heavyJitterRaisesTheDelayButNeverBeyondTheConfiguredLatencyLessTheSchedulingSlack() {
        PlayoutClock clock = new PlayoutClock(100 * MS);
        feed(clock, 3, i -> (i % 2) * 60 * MS);

        assertThat(clock.jitterNanos()).isGreaterThan(30 * MS);
        assertThat(clock.delayNanos()).isEqualTo(95 * MS);
        assertThat(clock.playoutAt(0) - clock.sendTimeOf(0)).isEqualTo(95 * MS);
    }

    @Test
    void theDelayHoldsJustUnderTheConfiguredLatencyDuringTheFirstSecond() {
        PlayoutClock clock = new PlayoutClock(100 * MS);
        feed(clock, 0.9, i -> 0);
        assertThat(clock.delayNanos()).isEqualTo(95 * MS);
    }

    @Test
    void aLongRoundTripCannotPushTheDelayPastTheConfiguredLatency() {
        PlayoutClock clock = new PlayoutClock(100 * MS);
        for (int i = 0; i < 600; i++) {
            long media = i * 5 * MS;
            clock.onArrival(media, media + 40 * MS);
            clock.onRoundTrip(80 * MS);
            clock.adapt(media + 40 * MS);
        }
        assertThat(clock.delayNanos()).isEqualTo(95 * MS);
    }

    @Test
    void aTinyLatencyKeepsHalfOfItRatherThanNothing() {
        PlayoutClock clock = new PlayoutClock(8 * MS);
        assertThat(clock.delayNanos()).isEqualTo(4 * MS);
    }
}
