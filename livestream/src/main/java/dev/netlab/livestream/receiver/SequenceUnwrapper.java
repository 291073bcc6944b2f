package dev.netlab.livestream.receiver;

/**
 * Turns 16-bit sequence numbers into a count from the stream's first sequence number that does
 * not wrap: each one is placed within +-32768 of the newest seen. Not thread-safe.
 */
public final class SequenceUnwrapper {

    private final int first;
    private long newest;

    public SequenceUnwrapper(int firstSequence) {
        this.first = firstSequence;
    }

    /** The extended index of {@code sequence} (0 for the first sequence number; may be negative). */
    public long unwrap(int sequence) {
        int expected = (int) ((first + newest) & 0xFFFF);
        long index = newest + (short) (sequence - expected);
        newest = Math.max(newest, index);
        return index;
    }

    /** The 16-bit sequence number of extended index {@code index}. */
    public int sequenceOf(long index) {
        return (int) ((first + index) & 0xFFFF);
    }
}
