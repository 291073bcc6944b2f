package dev.netlab.livestream.fec;

import static dev.netlab.livestream.fec.FecLink.assertRecoveredBytesAreOriginal;
import static dev.netlab.livestream.fec.FecLink.losingSources;
import static dev.netlab.livestream.fec.FecLink.randomPackets;
import static dev.netlab.livestream.fec.FecLink.receive;
import static dev.netlab.livestream.fec.FecLink.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FecRecoveryTest {

    private static final int FIRST = 1000;

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 5, 10})
    void xorRowRecoversEverySingleLossInAGroup(int columns) {
        FecScheme scheme = new FecScheme.XorRow(columns);
        List<byte[]> packets = randomPackets(columns * 3, columns);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);

        for (int lost = 0; lost < columns; lost++) {
            int middleRow = columns + lost;
            Map<Integer, byte[]> recovered = receive(scheme, sent, losingSources(sent, FIRST, middleRow));

            assertThat(recovered).containsOnlyKeys(FIRST + middleRow);
            assertThat(recovered.get(FIRST + middleRow)).isEqualTo(packets.get(middleRow));
        }
    }

    @Test
    void xorRowRecoversALossPerRowInEveryRow() {
        FecScheme scheme = FecScheme.parse("xor-row:4");
        List<byte[]> packets = randomPackets(40, 7);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);

        Map<Integer, byte[]> recovered = receive(scheme, sent, losingSources(sent, FIRST, 0, 5, 10, 15, 16 + 3, 39));

        assertThat(recovered).hasSize(6);
        assertRecoveredBytesAreOriginal(recovered, FIRST, packets);
    }

    @Test
    void xorRowDoesNotInventPacketsWhenTwoOfARowAreLost() {
        FecScheme scheme = FecScheme.parse("xor-row:5");
        List<byte[]> packets = randomPackets(10, 3);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);

        assertThat(receive(scheme, sent, losingSources(sent, FIRST, 1, 3))).isEmpty();
    }

    @Test
    void xor2dRecoversEverySingleLossThroughItsRowOrColumn() {
        FecScheme scheme = FecScheme.parse("xor-2d:4x3");
        List<byte[]> packets = randomPackets(12 * 2, 11);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);

        for (int lost = 0; lost < 24; lost++) {
            Map<Integer, byte[]> recovered = receive(scheme, sent, losingSources(sent, FIRST, lost));
            assertThat(recovered).as("loss at %d", lost).containsOnlyKeys(FIRST + lost);
            assertRecoveredBytesAreOriginal(recovered, FIRST, packets);
        }
    }

    @Test
    void xor2dColumnsRecoverEverySingleLossWhenRowRepairsAreLostToo() {
        FecScheme scheme = FecScheme.parse("xor-2d:4x3");
        List<byte[]> packets = randomPackets(12, 12);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);

        for (int lost = 0; lost < 12; lost++) {
            int lostPosition = lost;
            Map<Integer, byte[]> recovered = receive(scheme, sent,
                    i -> losingSources(sent, FIRST, lostPosition).test(i) || isRepairOfKind(sent.get(i), RepairKind.XOR_ROW));
            assertThat(recovered).as("loss at %d", lost).containsOnlyKeys(FIRST + lost);
            assertRecoveredBytesAreOriginal(recovered, FIRST, packets);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void xor2dRecoversABurstOfUpToLPacketsInARow(int burst) {
        FecScheme scheme = FecScheme.parse("xor-2d:5x4");
        List<byte[]> packets = randomPackets(40, burst);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);
        for (int start = 0; start + burst <= 20; start++) {
            int[] lost = new int[burst];
            for (int k = 0; k < burst; k++) {
                lost[k] = start + k;
            }
            Map<Integer, byte[]> recovered = receive(scheme, sent, losingSources(sent, FIRST, lost));
            assertThat(recovered).as("burst of %d from %d", burst, start).hasSize(burst);
            assertRecoveredBytesAreOriginal(recovered, FIRST, packets);
        }
    }

    @Test
    void xor2dRecoversIterativelyAlternatingRowsAndColumns() {
        // 4x4 block: losses at (r0,c0) (r0,c1) (r1,c1) (r1,c2). Row 0 and row 1 each miss two,
        // column 0 misses one -> rebuild (r0,c0); then row 0 misses one -> (r0,c1); then
        // column 1 misses one -> (r1,c1); then row 1 -> (r1,c2).
        FecScheme scheme = FecScheme.parse("xor-2d:4x4");
        List<byte[]> packets = randomPackets(16, 21);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);

        Map<Integer, byte[]> recovered = receive(scheme, sent, losingSources(sent, FIRST, 0, 1, 5, 6));

        assertThat(recovered).containsOnlyKeys(FIRST, FIRST + 1, FIRST + 5, FIRST + 6);
        assertRecoveredBytesAreOriginal(recovered, FIRST, packets);
    }

    @Test
    void xor2dLeavesASquareOfFourLossesUnrecovered() {
        FecScheme scheme = FecScheme.parse("xor-2d:4x4");
        List<byte[]> packets = randomPackets(16, 22);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);

        assertThat(receive(scheme, sent, losingSources(sent, FIRST, 0, 1, 4, 5))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xor-row:4", "xor-2d:4x4", "rs:8+2"})
    void recoversAcrossTheWrapFrom65535To0(String spec) {
        FecScheme scheme = FecScheme.parse(spec);
        int first = 65530;
        List<byte[]> packets = randomPackets(32, 5);
        List<FecLink.Datagram> sent = send(scheme, first, packets);

        // positions 5, 6 and 9 are sequences 65535, 0 and 3; for xor-row:4 two of them share a
        // row, so it loses 6 and 9 only.
        int[] lost = spec.startsWith("xor-row") ? new int[] {6, 9} : new int[] {5, 6, 9};
        Map<Integer, byte[]> recovered = receive(scheme, sent, losingSources(sent, first, lost));

        assertThat(recovered).hasSize(lost.length);
        assertThat(recovered).containsKeys(0, 3);
        assertRecoveredBytesAreOriginal(recovered, first, packets);
    }

    @Test
    void reedSolomonRecoversAnyMLossesAmongTheBlocksDatagrams() {
        FecScheme scheme = FecScheme.parse("rs:6+3");
        List<byte[]> packets = randomPackets(6, 31);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);
        assertThat(sent).hasSize(9);

        for (int a = 0; a < 9; a++) {
            for (int b = a + 1; b < 9; b++) {
                for (int c = b + 1; c < 9; c++) {
                    int x = a;
                    int y = b;
                    int z = c;
                    Map<Integer, byte[]> recovered = receive(scheme, sent, i -> i == x || i == y || i == z);
                    long sourcesLost = java.util.stream.IntStream.of(a, b, c).filter(i -> i < 6).count();
                    assertThat(recovered).as("losing %d %d %d", a, b, c).hasSize((int) sourcesLost);
                    assertRecoveredBytesAreOriginal(recovered, FIRST, packets);
                }
            }
        }
    }

    @Test
    void reedSolomonDoesNotInventPacketsWhenMoreThanMAreLost() {
        FecScheme scheme = FecScheme.parse("rs:6+2");
        List<byte[]> packets = randomPackets(6, 32);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);

        assertThat(receive(scheme, sent, losingSources(sent, FIRST, 0, 2, 4))).isEmpty();
    }

    @Test
    void recoveredPacketsKeepTheirExactLengthsIncludingEmptyOnes() {
        FecScheme scheme = FecScheme.parse("xor-row:3");
        List<byte[]> packets = List.of(new byte[0], new byte[] {0, 0, 0}, new byte[] {7});
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);

        for (int lost = 0; lost < 3; lost++) {
            Map<Integer, byte[]> recovered = receive(scheme, sent, losingSources(sent, FIRST, lost));
            assertThat(recovered.get(FIRST + lost)).isEqualTo(packets.get(lost));
        }
    }

    @Test
    void aRepairArrivingBeforeItsSourcesStillRecoversTheLoss() {
        FecScheme scheme = FecScheme.parse("xor-row:4");
        List<byte[]> packets = randomPackets(4, 41);
        FecEncoder encoder = scheme.newEncoder();
        List<byte[]> repairs = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            repairs.addAll(encoder.add(FIRST + i, packets.get(i)));
        }
        FecDecoder decoder = scheme.newDecoder();

        assertThat(decoder.addRepair(repairs.get(0))).isTrue();
        decoder.addSource(FIRST + 3, packets.get(3));
        decoder.addSource(FIRST + 1, packets.get(1));
        assertThat(decoder.drainRecovered()).isEmpty();
        decoder.addSource(FIRST, packets.get(0));

        List<RecoveredPacket> recovered = decoder.drainRecovered();
        assertThat(recovered).singleElement().satisfies(p -> {
            assertThat(p.sequence()).isEqualTo(FIRST + 2);
            assertThat(p.sourcePacket()).isEqualTo(packets.get(2));
        });
        decoder.addSource(FIRST + 2, packets.get(2));
        assertThat(decoder.addRepair(repairs.get(0))).isTrue();
        assertThat(decoder.drainRecovered()).isEmpty();
    }

    @Test
    void discardedSequencesAreNoLongerRecovered() {
        FecScheme scheme = FecScheme.parse("xor-row:4");
        List<byte[]> packets = randomPackets(8, 42);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);
        FecDecoder decoder = scheme.newDecoder();
        for (FecLink.Datagram datagram : sent) {
            if (!datagram.repair() && datagram.sequence() != FIRST + 2) {
                decoder.addSource(datagram.sequence(), datagram.bytes());
            }
        }
        decoder.discardBefore(FIRST + 4);

        for (FecLink.Datagram datagram : sent) {
            if (datagram.repair()) {
                assertThat(decoder.addRepair(datagram.bytes())).isTrue();
            }
        }
        assertThat(decoder.drainRecovered()).isEmpty();
    }

    @Test
    void anEncoderRestartsItsBlockWhenTheSequenceJumps() {
        FecEncoder encoder = FecScheme.parse("xor-row:3").newEncoder();
        assertThat(encoder.add(10, new byte[] {1})).isEmpty();
        assertThat(encoder.add(11, new byte[] {2})).isEmpty();
        assertThat(encoder.add(20, new byte[] {3})).isEmpty();
        assertThat(encoder.add(21, new byte[] {4})).isEmpty();
        List<byte[]> repairs = encoder.add(22, new byte[] {5});

        assertThat(repairs).hasSize(1);
        assertThat(repairs.get(0)[RepairFormat.BASE_SEQUENCE_OFFSET + 1]).isEqualTo((byte) 20);
    }

    @Test
    void noneProducesNoRepairsAndRefusesAnyRepair() {
        FecScheme scheme = FecScheme.parse("none");
        byte[] repair = FecScheme.parse("xor-row:2").newEncoder().add(0, new byte[] {1}).isEmpty()
                ? send(FecScheme.parse("xor-row:2"), 0, randomPackets(2, 1)).get(2).bytes() : null;

        assertThat(scheme.newEncoder().add(5, new byte[] {1, 2})).isEmpty();
        assertThat(scheme.newDecoder().addRepair(repair)).isFalse();
    }

    private static boolean isRepairOfKind(FecLink.Datagram datagram, RepairKind kind) {
        return datagram.repair()
                && (datagram.bytes()[RepairFormat.VERSION_KIND_OFFSET] & 0x0F) == kind.wireValue();
    }

    @Test
    void aFloodOfForgedRepairsNeitherGrowsWithoutBoundNorStopsLaterRecovery() {
        FecScheme scheme = FecScheme.parse("xor-2d:4x4");
        FecDecoder decoder = scheme.newDecoder();
        java.util.Random random = new java.util.Random(8);
        for (int i = 0; i < 20_000; i++) {
            byte[] symbol = new byte[2 + random.nextInt(1400)];
            random.nextBytes(symbol);
            RepairKind kind = random.nextBoolean() ? RepairKind.XOR_ROW : RepairKind.XOR_COLUMN;
            RepairPacket forged = new RepairPacket(kind, random.nextInt(65536), kind == RepairKind.XOR_ROW ? 1 : 4,
                    4, 0, random.nextInt(), symbol);
            assertThat(decoder.addRepair(RepairWriter.write(forged))).isTrue();
        }
        List<byte[]> packets = randomPackets(16, 9);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);
        for (FecLink.Datagram datagram : sent) {
            if (datagram.repair()) {
                byte[] imitation = datagram.bytes().clone();
                imitation[imitation.length - 1] ^= 1;
                imitation[RepairFormat.GROUP_CHECK_OFFSET] ^= 1;
                assertThat(decoder.addRepair(imitation)).isTrue();
            }
        }

        for (FecLink.Datagram datagram : sent) {
            if (datagram.repair()) {
                decoder.addRepair(datagram.bytes());
            } else if (datagram.sequence() != FIRST + 6) {
                decoder.addSource(datagram.sequence(), datagram.bytes());
            }
        }

        assertThat(decoder.drainRecovered()).singleElement().satisfies(p -> {
            assertThat(p.sequence()).isEqualTo(FIRST + 6);
            assertThat(p.sourcePacket()).isEqualTo(packets.get(6));
        });
        assertThat(groupsKept(decoder)).isLessThanOrEqualTo(ParityDecoder.MAX_GROUPS_KEPT);
    }

    private static int groupsKept(FecDecoder decoder) {
        return ((ParityDecoder) decoder).groupsKept();
    }

    @Test
    void aVeryLateDatagramIsIgnoredWithoutLosingThePendingGroups() {
        FecScheme scheme = FecScheme.parse("xor-row:2");
        List<byte[]> packets = randomPackets(40, 10);
        List<FecLink.Datagram> sent = send(scheme, FIRST, packets);
        FecDecoder decoder = scheme.newDecoder();
        int lostPosition = 38;
        for (FecLink.Datagram datagram : sent) {
            if (datagram.repair()) {
                decoder.addRepair(datagram.bytes());
            } else if (datagram.sequence() != FIRST + lostPosition && datagram.sequence() != FIRST + 39) {
                decoder.addSource(datagram.sequence(), datagram.bytes());
            }
        }
        decoder.addSource(FIRST - 100, new byte[] {1, 2, 3});
        decoder.addSource(FIRST + 39, packets.get(39));

        assertThat(decoder.drainRecovered()).singleElement()
                .satisfies(p -> assertThat(p.sourcePacket()).isEqualTo(packets.get(lostPosition)));
    }
}
