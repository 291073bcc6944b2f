package dev.netlab.livestream.fec;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A forward-error-correction scheme as named on the command line ({@code --fec SPEC}), and the
 * factory of its encoders and decoders. The accepted forms are listed in {@link #ACCEPTED_FORMS}.
 *
 * <p>Every scheme cuts the stream into blocks of consecutive sequence numbers and protects each
 * block with repair groups (see {@link RepairFormat}):
 * <ul>
 *   <li>{@code none}: no repairs.</li>
 *   <li>{@code xor-row:L}: one XOR parity per L consecutive packets (RFC 5109 style). Recovers
 *       one loss per row; the repair goes out right after the row's last packet.</li>
 *   <li>{@code xor-2d:LxD}: SMPTE 2022-1 style, a block of L columns by D rows: one XOR parity
 *       per row of L packets and one per column of D packets (stride L). A burst of up to L
 *       consecutive losses is rebuilt by the columns; row and column recovery alternate.</li>
 *   <li>{@code rs:K+M}: Reed-Solomon over GF(256) (systematic Cauchy code): M repairs per K
 *       packets rebuild any M losses among the K + M datagrams of the block.</li>
 * </ul>
 */
public sealed interface FecScheme
        permits FecScheme.None, FecScheme.XorRow, FecScheme.Xor2d, FecScheme.ReedSolomon {

    /** The forms {@link #parse} accepts, as shown in its error message and in {@code --help}. */
    String ACCEPTED_FORMS = "none, xor-row:L (2<=L<=" + XorRow.MAX_COLUMNS + "), xor-2d:LxD (1<=L,D<="
            + Xor2d.MAX_SIDE + ", L*D>=2), rs:K+M (1<=K<=" + ReedSolomon.MAX_SOURCE + ", 1<=M<="
            + ReedSolomon.MAX_REPAIR + ")";

    /**
     * Parses a scheme spec such as {@code xor-2d:5x4}.
     *
     * @throws IllegalArgumentException naming the bad spec and the accepted forms
     */
    static FecScheme parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("missing FEC scheme; accepted: " + ACCEPTED_FORMS);
        }
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (s.equals("none")) {
                return new None();
            }
            Matcher row = Pattern.compile("xor-row:(\\d{1,4})").matcher(s);
            if (row.matches()) {
                return new XorRow(Integer.parseInt(row.group(1)));
            }
            Matcher twoD = Pattern.compile("xor-2d:(\\d{1,4})x(\\d{1,4})").matcher(s);
            if (twoD.matches()) {
                return new Xor2d(Integer.parseInt(twoD.group(1)), Integer.parseInt(twoD.group(2)));
            }
            Matcher rs = Pattern.compile("rs:(\\d{1,4})\\+(\\d{1,4})").matcher(s);
            if (rs.matches()) {
                return new ReedSolomon(Integer.parseInt(rs.group(1)), Integer.parseInt(rs.group(2)));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad FEC scheme '" + spec + "': " + e.getMessage()
                    + "; accepted: " + ACCEPTED_FORMS, e);
        }
        throw new IllegalArgumentException("unknown FEC scheme '" + spec + "'; accepted: " + ACCEPTED_FORMS);
    }

    /** The canonical spec, which {@link #parse} turns back into an equal scheme. */
    String spec();

    /** Repair datagrams sent per source datagram, e.g. 0.25 for {@code xor-row:4}. */
    double overheadRatio();

    /**
     * How many consecutive source packets one block spans: a receiver may have to wait until the
     * end of the block (this many packets after a loss) before the repair that rebuilds it
     * arrives. 0 for {@code none}.
     */
    int blockSpan();

    /** Every scheme's blocks are encoded by one encoder, driven by its {@link #blockLayout()}. */
    default FecEncoder newEncoder() {
        return new BlockEncoder(this);
    }

    /** Every scheme's repairs are decoded by one decoder, driven by its {@link #blockLayout()}. */
    default FecDecoder newDecoder() {
        return new ParityDecoder(this);
    }

    /** The repair groups of one block, positions relative to the block's first sequence number. */
    List<GroupShape> blockLayout();

    /** True if a well-formed repair with this header belongs to this scheme. */
    default boolean accepts(RepairPacket repair) {
        for (GroupShape shape : blockLayout()) {
            if (shape.kind() == repair.kind() && shape.step() == repair.step()
                    && shape.count() == repair.count() && repair.index() < shape.repairCount()) {
                return true;
            }
        }
        return false;
    }

    /** No protection: the encoder produces nothing and the decoder refuses every repair. */
    record None() implements FecScheme {
        @Override
        public String spec() {
            return "none";
        }

        @Override
        public double overheadRatio() {
            return 0;
        }

        @Override
        public int blockSpan() {
            return 0;
        }

        @Override
        public FecEncoder newEncoder() {
            return (sequence, sourcePacket) -> {
                BlockEncoder.checkArguments(sequence, sourcePacket);
                return List.of();
            };
        }

        @Override
        public List<GroupShape> blockLayout() {
            return List.of();
        }
    }

    /** One XOR parity per {@code columns} consecutive packets. */
    record XorRow(int columns) implements FecScheme {
        /** A row longer than this protects too little: one loss in 64 is all it can rebuild. */
        public static final int MAX_COLUMNS = 64;

        public XorRow {
            if (columns < 2 || columns > MAX_COLUMNS) {
                throw new IllegalArgumentException("row length " + columns + " not in 2.." + MAX_COLUMNS);
            }
        }

        @Override
        public String spec() {
            return "xor-row:" + columns;
        }

        @Override
        public double overheadRatio() {
            return 1.0 / columns;
        }

        @Override
        public int blockSpan() {
            return columns;
        }

        @Override
        public List<GroupShape> blockLayout() {
            return List.of(new GroupShape(RepairKind.XOR_ROW, 0, 1, columns, 1));
        }
    }

    /** SMPTE 2022-1 style: {@code columns} x {@code rows} block with row and column parity. */
    record Xor2d(int columns, int rows) implements FecScheme {
        /** Bounds L and D; SMPTE 2022-1 itself stops at 20 and L*D <= 100. */
        public static final int MAX_SIDE = 32;

        public Xor2d {
            if (columns < 1 || columns > MAX_SIDE || rows < 1 || rows > MAX_SIDE || columns * rows < 2) {
                throw new IllegalArgumentException("matrix " + columns + "x" + rows
                        + " not within 1.." + MAX_SIDE + " per side with at least 2 packets");
            }
        }

        @Override
        public String spec() {
            return "xor-2d:" + columns + "x" + rows;
        }

        @Override
        public double overheadRatio() {
            return (double) (columns + rows) / (columns * rows);
        }

        @Override
        public int blockSpan() {
            return columns * rows;
        }

        @Override
        public List<GroupShape> blockLayout() {
            List<GroupShape> shapes = new java.util.ArrayList<>();
            for (int r = 0; r < rows; r++) {
                shapes.add(new GroupShape(RepairKind.XOR_ROW, r * columns, 1, columns, 1));
            }
            for (int c = 0; c < columns; c++) {
                shapes.add(new GroupShape(RepairKind.XOR_COLUMN, c, columns, rows, 1));
            }
            return List.copyOf(shapes);
        }
    }

    /** Systematic Reed-Solomon (Cauchy) code: {@code repair} repairs per {@code source} packets. */
    record ReedSolomon(int source, int repair) implements FecScheme {
        /** Cauchy points: sources use 0..127 and repairs 128..255 of GF(256), so each <= 128. */
        public static final int MAX_SOURCE = 128;
        public static final int MAX_REPAIR = 128;

        public ReedSolomon {
            if (source < 1 || source > MAX_SOURCE || repair < 1 || repair > MAX_REPAIR) {
                throw new IllegalArgumentException("K=" + source + ", M=" + repair
                        + " not within K 1.." + MAX_SOURCE + " and M 1.." + MAX_REPAIR);
            }
        }

        @Override
        public String spec() {
            return "rs:" + source + "+" + repair;
        }

        @Override
        public double overheadRatio() {
            return (double) repair / source;
        }

        @Override
        public int blockSpan() {
            return source;
        }

        @Override
        public List<GroupShape> blockLayout() {
            return List.of(new GroupShape(RepairKind.REED_SOLOMON, 0, 1, source, repair));
        }
    }
}
