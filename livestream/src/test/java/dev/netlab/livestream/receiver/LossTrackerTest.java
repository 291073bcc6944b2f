package dev.netlab.livestream.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LossTrackerTest {

    private static final long MS = 1_000_000L;
    private static final long FAR = Long.MAX_VALUE / 2;

    @Test
    void gapIsNackedOnlyAfterTheReorderGraceAndNotOnceItArrives() {
        LossTracker tracker = new LossTracker();
        tracker.arrived(0, 0);
        tracker.arrived(3, 0);

        assertThat(tracker.due(1 * MS, 20 * MS, i -> FAR)).isEmpty();
        tracker.arrived(2, 2 * MS);
        assertThat(tracker.due(LossTracker.REORDER_GRACE_NANOS, 20 * MS, i -> FAR)).containsExactly(1L);
    }

    @Test
    void aMissingPacketIsAskedForAtMostThreeTimesSpacedByTheRoundTrip() {
        LossTracker tracker = new LossTracker();
        tracker.arrived(0, 0);
        tracker.arrived(2, 0);
        int nacks = 0;
        for (long t = 0; t < 2000 * MS; t += MS) {
            nacks += tracker.due(t, 20 * MS, i -> FAR).size();
        }
        assertThat(nacks).isEqualTo(LossTracker.MAX_NACKS);
    }

    @Test
    void noNackWhenTheAnswerCouldNotArriveBeforePlayout() {
        LossTracker tracker = new LossTracker();
        tracker.arrived(0, 0);
        tracker.arrived(2, 0);
        assertThat(tracker.due(10 * MS, 20 * MS, i -> 25 * MS)).isEmpty();
    }

    @Test
    void sequenceUnwrapperCountsAcrossTheSixteenBitWrap() {
        SequenceUnwrapper u = new SequenceUnwrapper(65_530);
        assertThat(u.unwrap(65_530)).isZero();
        assertThat(u.unwrap(65_535)).isEqualTo(5);
        assertThat(u.unwrap(3)).isEqualTo(9);
        assertThat(u.unwrap(65_534)).isEqualTo(4);
        assertThat(u.sequenceOf(9)).isEqualTo(3);
    }
}
