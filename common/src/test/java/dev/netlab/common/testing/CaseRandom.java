package dev.netlab.common.testing;

import java.util.List;
import java.util.Random;

/**
 * The random inputs of one {@link SeededCases} case. Like a property-testing library it leans
 * towards the edges: about one draw in eight of a range is its minimum and one in eight its
 * maximum, so empty, one-element and largest inputs come up in every few cases, not by luck.
 */
public final class CaseRandom {

    private static final int EDGE_ONE_IN = 8;

    private final Random random;

    public CaseRandom(long seed) {
        this.random = new Random(seed);
    }

    /** An int in [min, max], either end more often than the rest. */
    public int between(int min, int max) {
        int pick = random.nextInt(EDGE_ONE_IN);
        if (pick == 0) {
            return min;
        }
        if (pick == 1) {
            return max;
        }
        return (int) (min + (long) (random.nextDouble() * ((long) max - min + 1)));
    }

    /** A long in [min, max], either end more often than the rest. */
    public long between(long min, long max) {
        int pick = random.nextInt(EDGE_ONE_IN);
        if (pick == 0) {
            return min;
        }
        if (pick == 1) {
            return max;
        }
        return min + (long) (random.nextDouble() * ((double) max - min));
    }

    /** Any long, the edges (0, -1, MIN, MAX) among them. */
    public long anyLong() {
        return random.nextInt(EDGE_ONE_IN) == 0
                ? List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE).get(random.nextInt(4))
                : random.nextLong();
    }

    /** Any int, the edges (0, -1, MIN, MAX) among them. */
    public int anyInt() {
        return random.nextInt(EDGE_ONE_IN) == 0
                ? List.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE).get(random.nextInt(4))
                : random.nextInt();
    }

    /** Random bytes, their count in [minLength, maxLength]. */
    public byte[] bytes(int minLength, int maxLength) {
        byte[] bytes = new byte[between(minLength, maxLength)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** One of the given values, each as likely. */
    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    /** An int in [0, bound), uniform (no edge bias). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
