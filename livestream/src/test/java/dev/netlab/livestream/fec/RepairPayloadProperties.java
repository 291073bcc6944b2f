package dev.netlab.livestream.fec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.testing.CaseRandom;
import dev.netlab.common.testing.SeededCases;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the repair payload codec and the FEC decoders over seeded random cases, and over
 * every case where the domain is small (header offsets, short lengths, scheme pairs).
 */
class RepairPayloadProperties {

    private static final String[] SPECS = {"none", "xor-row:2", "xor-row:5", "xor-2d:4x3", "xor-2d:5x5", "rs:5+2", "rs:10+4"};

    @SeededCases(1000)
    void writerAndReaderRoundTripEveryWellFormedRepair(long seed) throws Exception {
        RepairPacket repair = repair(new CaseRandom(seed));
        RepairPacket read = RepairReader.read(RepairWriter.write(repair));

        assertThat(read).usingRecursiveComparison().isEqualTo(repair);
    }

    @SeededCases(1000)
    void arbitraryBytesNeverThrowAndWithoutTheMagicAreRefused(long seed) {
        CaseRandom random = new CaseRandom(seed);
        byte[] garbage = random.bytes(0, 1600);
        if (garbage.length > 0 && random.nextBoolean()) {
            garbage[0] = (byte) RepairFormat.MAGIC; // past the magic, into the header checks
        }
        for (String spec : List.of("none", "xor-row:4", "xor-2d:4x4", "rs:8+2")) {
            FecDecoder decoder = FecScheme.parse(spec).newDecoder();
            boolean accepted = decoder.addRepair(garbage);
            if (garbage.length == 0 || (garbage[0] & 0xFF) != RepairFormat.MAGIC) {
                assertThat(accepted).isFalse();
            }
            assertThat(decoder.drainRecovered()).isEmpty();
        }
    }

    static Stream<Arguments> everyHeaderByteFlip() {
        return IntStream.range(0, RepairFormat.HEADER_LENGTH).boxed()
                .flatMap(offset -> IntStream.rangeClosed(1, 255).mapToObj(flip -> Arguments.of(offset, flip)));
    }

    @ParameterizedTest(name = "header byte {0} xor {1}")
    @MethodSource("everyHeaderByteFlip")
    void aRepairWithAnyHeaderByteChangedIsRefusedOrHarmless(int offset, int flip) {
        FecScheme scheme = FecScheme.parse("xor-row:4");
        List<byte[]> packets = FecLink.randomPackets(4, 99);
        List<FecLink.Datagram> sent = FecLink.send(scheme, 100, packets);
        byte[] repair = sent.get(4).bytes().clone();
        repair[offset] ^= (byte) flip;
        FecDecoder decoder = scheme.newDecoder();
        for (int i = 1; i < 4; i++) {
            decoder.addSource(100 + i, packets.get(i));
        }

        boolean accepted = decoder.addRepair(repair);

        boolean stillWellFormed = (offset >= RepairFormat.BASE_SEQUENCE_OFFSET
                && offset < RepairFormat.BASE_SEQUENCE_OFFSET + RepairFormat.BASE_SEQUENCE_SIZE)
                || offset >= RepairFormat.GROUP_CHECK_OFFSET;
        assertThat(accepted).isEqualTo(stillWellFormed);
        assertThat(decoder.drainRecovered()).isEmpty();
    }

    @SeededCases(300)
    void aCorruptedRepairOrSourceNeverYieldsWrongBytes(long caseSeed) {
        CaseRandom cases = new CaseRandom(caseSeed);
        String spec = cases.oneOf(SPECS);
        long seed = cases.anyLong();
        int flipAt = cases.between(0, 3000);
        int flip = cases.between(1, 255);
        FecScheme scheme = FecScheme.parse(spec);
        List<byte[]> packets = FecLink.randomPackets(Math.max(2, scheme.blockSpan()), seed);
        List<FecLink.Datagram> sent = new java.util.ArrayList<>(FecLink.send(scheme, 500, packets));
        int victim = Math.floorMod(flipAt, sent.size());
        byte[] corrupted = sent.get(victim).bytes().clone();
        corrupted[Math.floorMod(flipAt, corrupted.length)] ^= (byte) flip;
        FecLink.Datagram original = sent.get(victim);
        sent.set(victim, new FecLink.Datagram(original.repair(), original.sequence(), corrupted));

        java.util.Random random = new java.util.Random(seed);
        boolean[] lost = new boolean[sent.size()];
        for (int i = 0; i < lost.length; i++) {
            lost[i] = i != victim && random.nextInt(4) == 0;
        }
        FecDecoder decoder = scheme.newDecoder();
        for (int i = 0; i < sent.size(); i++) {
            if (!lost[i]) {
                FecLink.Datagram datagram = sent.get(i);
                if (datagram.repair()) {
                    decoder.addRepair(datagram.bytes());
                } else {
                    decoder.addSource(datagram.sequence(), datagram.bytes());
                }
            }
        }
        for (RecoveredPacket packet : decoder.drainRecovered()) {
            assertThat(packet.sourcePacket()).isEqualTo(packets.get(packet.sequence() - 500));
        }
    }

    static IntStream everyShortLength() {
        return IntStream.range(0, RepairFormat.MIN_REPAIR_LENGTH);
    }

    @ParameterizedTest(name = "length {0}")
    @MethodSource("everyShortLength")
    void truncatedOrOversizedRepairsAreRefused(int shortLength) {
        byte[] valid = FecLink.send(FecScheme.parse("xor-row:2"), 0, FecLink.randomPackets(2, 1)).get(2).bytes();
        FecDecoder decoder = FecScheme.parse("xor-row:2").newDecoder();

        assertThat(decoder.addRepair(java.util.Arrays.copyOf(valid, shortLength))).isFalse();
        assertThat(decoder.addRepair(java.util.Arrays.copyOf(valid, RepairFormat.MAX_REPAIR_LENGTH + 1))).isFalse();
        assertThat(decoder.addRepair(null)).isFalse();
    }

    static Stream<Arguments> everySchemePair() {
        return Stream.of(SPECS).flatMap(sender -> Stream.of(SPECS).map(receiver -> Arguments.of(sender, receiver)));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("everySchemePair")
    void aRepairOfAnotherSchemeIsRefused(String sender, String receiver) {
        FecScheme from = FecScheme.parse(sender);
        FecScheme to = FecScheme.parse(receiver);
        List<FecLink.Datagram> sent = FecLink.send(from, 7, FecLink.randomPackets(from.blockSpan(), 3));
        FecDecoder decoder = to.newDecoder();

        for (FecLink.Datagram datagram : sent) {
            if (datagram.repair()) {
                boolean fits = from.equals(to) || sameRowShape(from, to, datagram.bytes());
                assertThat(decoder.addRepair(datagram.bytes())).isEqualTo(fits);
            }
        }
    }

    @SeededCases(200)
    void everyRecoveredPacketIsByteIdenticalToTheOriginal(long caseSeed) {
        CaseRandom cases = new CaseRandom(caseSeed);
        String spec = cases.oneOf(SPECS);
        int first = cases.between(0, 65535);
        int count = cases.between(1, 60);
        long seed = cases.anyLong();
        int lossPercent = cases.between(0, 60);
        FecScheme scheme = FecScheme.parse(spec);
        List<byte[]> packets = FecLink.randomPackets(count, seed);
        List<FecLink.Datagram> sent = FecLink.send(scheme, first, packets);
        java.util.Random loss = new java.util.Random(seed ^ 0x5DEECE66DL);
        boolean[] lost = new boolean[sent.size()];
        for (int i = 0; i < lost.length; i++) {
            lost[i] = loss.nextInt(100) < lossPercent;
        }

        FecLink.assertRecoveredBytesAreOriginal(FecLink.receive(scheme, sent, i -> lost[i]), first, packets);
    }

    @SeededCases(200)
    void xorRowRecoversEverythingWhenEachRowLosesAtMostOnePacket(long caseSeed) {
        CaseRandom cases = new CaseRandom(caseSeed);
        int columns = cases.between(2, 10);
        int first = cases.between(0, 65535);
        long seed = cases.anyLong();
        FecScheme scheme = new FecScheme.XorRow(columns);
        List<byte[]> packets = FecLink.randomPackets(columns * 6, seed);
        List<FecLink.Datagram> sent = FecLink.send(scheme, first, packets);
        java.util.Random random = new java.util.Random(seed);
        int[] lostPositions = new int[6];
        for (int row = 0; row < 6; row++) {
            lostPositions[row] = row * columns + random.nextInt(columns);
        }

        var recovered = FecLink.receive(scheme, sent, FecLink.losingSources(sent, first, lostPositions));

        assertThat(recovered).hasSize(6);
        FecLink.assertRecoveredBytesAreOriginal(recovered, first, packets);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void encoderRefusesOversizedPacketsAndBadSequences(String spec) {
        FecEncoder encoder = FecScheme.parse(spec).newEncoder();

        assertThatThrownBy(() -> encoder.add(1, new byte[RepairFormat.MAX_SOURCE_PACKET_LENGTH + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source packet length 1501 > max 1500");
        assertThatThrownBy(() -> encoder.add(65536, new byte[1]))
                .hasMessage("sequence 65536 not in 0..65535");
    }

    static Stream<String> specs() {
        return Stream.of(SPECS);
    }

    private static RepairPacket repair(CaseRandom random) {
        RepairKind kind = random.oneOf(RepairKind.values());
        int base = random.between(0, 65535);
        int step = random.between(1, 255);
        int count = random.between(1, 255);
        int index = random.between(0, 255);
        byte[] symbol = random.bytes(2, RepairFormat.MAX_SYMBOL_LENGTH);
        return new RepairPacket(kind, base, step, count, kind.isXor() ? 0 : index, index * 7919, symbol);
    }

    /** xor-row:L and the rows of xor-2d:LxD share a repair shape, so each accepts the other's rows. */
    private static boolean sameRowShape(FecScheme from, FecScheme to, byte[] repair) {
        try {
            return to.accepts(RepairReader.read(repair));
        } catch (MalformedRepairException e) {
            return false;
        }
    }
}
