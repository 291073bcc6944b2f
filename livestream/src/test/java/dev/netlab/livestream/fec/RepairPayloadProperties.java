package dev.netlab.livestream.fec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RepairPayloadProperties {

    @Property
    void writerAndReaderRoundTripEveryWellFormedRepair(@ForAll("repairs") RepairPacket repair) throws Exception {
        RepairPacket read = RepairReader.read(RepairWriter.write(repair));

        assertThat(read).usingRecursiveComparison().isEqualTo(repair);
    }

    @Property
    void arbitraryBytesNeverThrowAndWithoutTheMagicAreRefused(@ForAll @Size(max = 1600) byte[] garbage) {
        for (String spec : List.of("none", "xor-row:4", "xor-2d:4x4", "rs:8+2")) {
            FecDecoder decoder = FecScheme.parse(spec).newDecoder();
            boolean accepted = decoder.addRepair(garbage);
            if (garbage.length == 0 || (garbage[0] & 0xFF) != RepairFormat.MAGIC) {
                assertThat(accepted).isFalse();
            }
            assertThat(decoder.drainRecovered()).isEmpty();
        }
    }

    @Property
    void aRepairWithAnyHeaderByteChangedIsRefusedOrHarmless(
            @ForAll @IntRange(min = 0, max = RepairFormat.HEADER_LENGTH - 1) int offset,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
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

    @Property(tries = 300)
    void aCorruptedRepairOrSourceNeverYieldsWrongBytes(
            @ForAll("specs") String spec, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 3000) int flipAt, @ForAll @IntRange(min = 1, max = 255) int flip) {
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

    @Property
    void truncatedOrOversizedRepairsAreRefused(@ForAll @IntRange(min = 0, max = RepairFormat.MIN_REPAIR_LENGTH - 1) int shortLength) {
        byte[] valid = FecLink.send(FecScheme.parse("xor-row:2"), 0, FecLink.randomPackets(2, 1)).get(2).bytes();
        FecDecoder decoder = FecScheme.parse("xor-row:2").newDecoder();

        assertThat(decoder.addRepair(java.util.Arrays.copyOf(valid, shortLength))).isFalse();
        assertThat(decoder.addRepair(java.util.Arrays.copyOf(valid, RepairFormat.MAX_REPAIR_LENGTH + 1))).isFalse();
        assertThat(decoder.addRepair(null)).isFalse();
    }

    @Property
    void aRepairOfAnotherSchemeIsRefused(@ForAll("specs") String sender, @ForAll("specs") String receiver) {
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

    @Property(tries = 200)
    void everyRecoveredPacketIsByteIdenticalToTheOriginal(
            @ForAll("specs") String spec,
            @ForAll @IntRange(min = 0, max = 65535) int first,
            @ForAll @IntRange(min = 1, max = 60) int count,
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 60) int lossPercent) {
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

    @Property(tries = 200)
    void xorRowRecoversEverythingWhenEachRowLosesAtMostOnePacket(
            @ForAll @IntRange(min = 2, max = 10) int columns,
            @ForAll @IntRange(min = 0, max = 65535) int first,
            @ForAll long seed) {
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

    @Property
    void encoderRefusesOversizedPacketsAndBadSequences(@ForAll("specs") String spec) {
        FecEncoder encoder = FecScheme.parse(spec).newEncoder();

        assertThatThrownBy(() -> encoder.add(1, new byte[RepairFormat.MAX_SOURCE_PACKET_LENGTH + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source packet length 1501 > max 1500");
        assertThatThrownBy(() -> encoder.add(65536, new byte[1]))
                .hasMessage("sequence 65536 not in 0..65535");
    }

    @Provide
    Arbitrary<String> specs() {
        return Arbitraries.of("none", "xor-row:2", "xor-row:5", "xor-2d:4x3", "xor-2d:5x5", "rs:5+2", "rs:10+4");
    }

    @Provide
    Arbitrary<RepairPacket> repairs() {
        return Combinators.combine(
                Arbitraries.of(RepairKind.class),
                Arbitraries.integers().between(0, 65535),
                Arbitraries.integers().between(1, 255),
                Arbitraries.integers().between(1, 255),
                Arbitraries.integers().between(0, 255),
                Arbitraries.bytes().array(byte[].class).ofMinSize(2).ofMaxSize(RepairFormat.MAX_SYMBOL_LENGTH))
                .as((kind, base, step, count, index, symbol) ->
                        new RepairPacket(kind, base, step, count, kind.isXor() ? 0 : index, index * 7919, symbol));
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
