package dev.netlab.livestream.fec;

import java.util.List;

/**
 * The linear algebra shared by every scheme: a repair symbol is a combination over GF(256) of
 * its group's member symbols. XOR kinds use coefficient 1 for every member; Reed-Solomon uses
 * the Cauchy matrix {@code c(i, j) = 1 / ((128 + i) xor j)}, any square sub-matrix of which is
 * invertible, so any M losses among K + M datagrams can be solved.
 */
final class ParityCode {

    /** Cauchy x-points of the repairs start here; members use the points 0..127. */
    private static final int REPAIR_POINT_BASE = 128;

    private ParityCode() {
    }

    /** The CRC-32C of the member symbols in order: what a rebuilt group must match. */
    static int groupCheck(byte[][] memberSymbols) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        for (byte[] symbol : memberSymbols) {
            crc.update(symbol);
        }
        return (int) crc.getValue();
    }

    static int coefficient(RepairKind kind, int repairIndex, int memberIndex) {
        if (kind.isXor()) {
            return 1;
        }
        return Gf256.inverse((REPAIR_POINT_BASE + repairIndex) ^ memberIndex);
    }

    /** The repair symbol {@code repairIndex} of the given member symbols (none null). */
    static byte[] encode(RepairKind kind, int repairIndex, byte[][] memberSymbols) {
        int length = 0;
        for (byte[] symbol : memberSymbols) {
            length = Math.max(length, symbol.length);
        }
        byte[] repair = new byte[length];
        for (int j = 0; j < memberSymbols.length; j++) {
            Gf256.multiplyAdd(repair, memberSymbols[j], coefficient(kind, repairIndex, j));
        }
        return repair;
    }

    /**
     * Rebuilds the missing member symbols.
     *
     * @param repairs exactly {@code missing.length} repairs of the group, all the same length
     * @param memberSymbols the known members' symbols, null where missing
     * @param missing the member indexes to rebuild
     * @return the rebuilt symbols in the order of {@code missing}, or null if the inputs are
     *     inconsistent (a known symbol longer than the repairs, repairs of unequal length)
     */
    static byte[][] solve(RepairKind kind, List<RepairPacket> repairs, byte[][] memberSymbols, int[] missing) {
        int m = missing.length;
        int length = repairs.get(0).symbol().length;
        byte[][] residual = new byte[m][];
        int[][] matrix = new int[m][m];
        for (int r = 0; r < m; r++) {
            RepairPacket repair = repairs.get(r);
            if (repair.symbol().length != length) {
                return null;
            }
            residual[r] = repair.symbol().clone();
            for (int j = 0; j < memberSymbols.length; j++) {
                byte[] known = memberSymbols[j];
                if (known != null) {
                    if (known.length > length) {
                        return null;
                    }
                    Gf256.multiplyAdd(residual[r], known, coefficient(kind, repair.index(), j));
                }
            }
            for (int t = 0; t < m; t++) {
                matrix[r][t] = coefficient(kind, repair.index(), missing[t]);
            }
        }
        return eliminate(matrix, residual) ? residual : null;
    }

    /** Gauss-Jordan elimination; on success {@code rhs[t]} is the solution for unknown t. */
    private static boolean eliminate(int[][] matrix, byte[][] rhs) {
        int m = matrix.length;
        for (int col = 0; col < m; col++) {
            int pivot = col;
            while (pivot < m && matrix[pivot][col] == 0) {
                pivot++;
            }
            if (pivot == m) {
                return false;
            }
            swap(matrix, rhs, col, pivot);
            int inverse = Gf256.inverse(matrix[col][col]);
            for (int c = 0; c < m; c++) {
                matrix[col][c] = Gf256.multiply(matrix[col][c], inverse);
            }
            Gf256.scale(rhs[col], inverse);
            for (int row = 0; row < m; row++) {
                int factor = matrix[row][col];
                if (row != col && factor != 0) {
                    for (int c = 0; c < m; c++) {
                        matrix[row][c] ^= Gf256.multiply(factor, matrix[col][c]);
                    }
                    Gf256.multiplyAdd(rhs[row], rhs[col], factor);
                }
            }
        }
        return true;
    }

    private static void swap(int[][] matrix, byte[][] rhs, int a, int b) {
        if (a != b) {
            int[] rowA = matrix[a];
            matrix[a] = matrix[b];
            matrix[b] = rowA;
            byte[] rhsA = rhs[a];
            rhs[a] = rhs[b];
            rhs[b] = rhsA;
        }
    }
}
