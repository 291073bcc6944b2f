package dev.netlab.livestream.fec;

/**
 * Serial-number arithmetic on 16-bit sequence numbers (RFC 1982): 65535 is followed by 0, and
 * {@code a} is before {@code b} when going forward from {@code a} reaches {@code b} in fewer
 * than 32768 steps.
 */
public final class SequenceNumbers {

    public static final int MODULUS = 1 << 16;
    public static final int MASK = MODULUS - 1;

    private SequenceNumbers() {
    }

    /** The signed distance from {@code b} to {@code a}, in -32768..32767. */
    public static int distance(int a, int b) {
        return (short) (a - b);
    }

    /** True if {@code a} comes before {@code b}. */
    public static boolean isBefore(int a, int b) {
        return distance(a, b) < 0;
    }

    /** {@code sequence + n}, wrapped to 16 bits. */
    public static int add(int sequence, int n) {
        return (sequence + n) & MASK;
    }

    /** True if the value is a valid 16-bit sequence number. */
    public static boolean isValid(int sequence) {
        return sequence >= 0 && sequence <= MASK;
    }
}
