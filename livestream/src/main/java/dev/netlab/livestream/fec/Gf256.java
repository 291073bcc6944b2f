package dev.netlab.livestream.fec;

/**
 * Arithmetic in GF(2^8) with the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), the
 * field Reed-Solomon codes usually use. Addition is XOR; multiplication goes through a full
 * 256 x 256 product table (64 KiB), built once, so the inner loops are a table lookup per byte.
 */
final class Gf256 {

    private static final int PRIMITIVE_POLYNOMIAL = 0x11D;
    private static final int[] EXP = new int[512];
    private static final int[] LOG = new int[256];
    private static final byte[][] PRODUCT = new byte[256][256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= 256) {
                x ^= PRIMITIVE_POLYNOMIAL;
            }
        }
        for (int i = 255; i < EXP.length; i++) {
            EXP[i] = EXP[i - 255];
        }
        for (int a = 1; a < 256; a++) {
            for (int b = 1; b < 256; b++) {
                PRODUCT[a][b] = (byte) EXP[LOG[a] + LOG[b]];
            }
        }
    }

    private Gf256() {
    }

    static int multiply(int a, int b) {
        return PRODUCT[a][b] & 0xFF;
    }

    /** The multiplicative inverse of a non-zero element. */
    static int inverse(int a) {
        if (a == 0) {
            throw new ArithmeticException("0 has no inverse in GF(256)");
        }
        return EXP[255 - LOG[a]];
    }

    /** {@code target[i] += coefficient * source[i]} for every byte of source (target may be longer). */
    static void multiplyAdd(byte[] target, byte[] source, int coefficient) {
        if (coefficient == 0) {
            return;
        }
        if (coefficient == 1) {
            for (int i = 0; i < source.length; i++) {
                target[i] ^= source[i];
            }
            return;
        }
        byte[] row = PRODUCT[coefficient];
        for (int i = 0; i < source.length; i++) {
            target[i] ^= row[source[i] & 0xFF];
        }
    }

    /** {@code target[i] = coefficient * target[i]}. */
    static void scale(byte[] target, int coefficient) {
        byte[] row = PRODUCT[coefficient];
        for (int i = 0; i < target.length; i++) {
            target[i] = row[target[i] & 0xFF];
        }
    }
}
