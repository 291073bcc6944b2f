package dev.netlab.lab.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Which packet slots of a clip were played with their own audio on time, and which were
 * concealed because their audio was not there at its playout deadline. One slot is one packet
 * (5 ms of audio); a run of concealed slots is a stall: time in which no new audio was heard.
 * Immutable.
 */
public final class PlayoutTimeline {

    private final boolean[] onTime;
    private final long slotNanos;

    public PlayoutTimeline(boolean[] onTime, long slotNanos) {
        if (slotNanos <= 0) {
            throw new IllegalArgumentException("slot length " + slotNanos + " ns <= 0");
        }
        this.onTime = onTime.clone();
        this.slotNanos = slotNanos;
    }

    public int slots() {
        return onTime.length;
    }

    public long slotNanos() {
        return slotNanos;
    }

    public boolean onTime(int slot) {
        return onTime[slot];
    }

    /** Share of the slots played with their own audio, 0..100; 0 for an empty clip. */
    public double onTimePercent() {
        if (onTime.length == 0) {
            return 0;
        }
        int played = 0;
        for (boolean b : onTime) {
            played += b ? 1 : 0;
        }
        return 100.0 * played / onTime.length;
    }

    /** The longest run of concealed slots, in milliseconds of audio. */
    public double longestStallMs() {
        int longest = 0;
        for (Stall stall : stalls()) {
            longest = Math.max(longest, stall.slots());
        }
        return longest * slotNanos / 1e6;
    }

    /** Every run of concealed slots, in order. */
    public List<Stall> stalls() {
        List<Stall> stalls = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= onTime.length; i++) {
            boolean concealed = i < onTime.length && !onTime[i];
            if (concealed && start < 0) {
                start = i;
            } else if (!concealed && start >= 0) {
                stalls.add(new Stall(start, i - start));
                start = -1;
            }
        }
        return stalls;
    }

    /** {@code slots} concealed slots from slot {@code first} on. */
    public record Stall(int first, int slots) {
    }
}
