package dev.netlab.livestream.fec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;

/** A socket-free link for FEC tests: encodes a stream, loses chosen datagrams, decodes the rest. */
final class FecLink {

    /** One datagram in send order: a source packet (with its sequence) or a repair payload. */
    record Datagram(boolean repair, int sequence, byte[] bytes) {
    }

    private FecLink() {
    }

    static List<byte[]> randomPackets(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] packet = new byte[1 + random.nextInt(1300)];
            random.nextBytes(packet);
            packets.add(packet);
        }
        return packets;
    }

    static List<Datagram> send(FecScheme scheme, int firstSequence, List<byte[]> packets) {
        FecEncoder encoder = scheme.newEncoder();
        List<Datagram> sent = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            int sequence = SequenceNumbers.add(firstSequence, i);
            sent.add(new Datagram(false, sequence, packets.get(i)));
            for (byte[] repair : encoder.add(sequence, packets.get(i))) {
                sent.add(new Datagram(true, -1, repair));
            }
        }
        return sent;
    }

    /**
     * Delivers every datagram for which {@code lost} is false, in order, and returns what the
     * decoder rebuilt, checking that no sequence is returned twice and none that arrived.
     */
    static Map<Integer, byte[]> receive(FecScheme scheme, List<Datagram> sent, IntPredicate lost) {
        FecDecoder decoder = scheme.newDecoder();
        Map<Integer, byte[]> arrived = new HashMap<>();
        Map<Integer, byte[]> recovered = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            if (lost.test(i)) {
                continue;
            }
            Datagram datagram = sent.get(i);
            if (datagram.repair()) {
                assertThat(decoder.addRepair(datagram.bytes())).as("repair accepted").isTrue();
            } else {
                arrived.put(datagram.sequence(), datagram.bytes());
                decoder.addSource(datagram.sequence(), datagram.bytes());
            }
            for (RecoveredPacket packet : decoder.drainRecovered()) {
                assertThat(recovered).as("recovered once").doesNotContainKey(packet.sequence());
                assertThat(arrived).as("never returns what arrived").doesNotContainKey(packet.sequence());
                recovered.put(packet.sequence(), packet.sourcePacket());
            }
        }
        return recovered;
    }

    /** Indexes in {@code sent} of the source packets with the given stream positions. */
    static IntPredicate losingSources(List<Datagram> sent, int firstSequence, int... positions) {
        java.util.Set<Integer> sequences = new java.util.HashSet<>();
        for (int position : positions) {
            sequences.add(SequenceNumbers.add(firstSequence, position));
        }
        return i -> !sent.get(i).repair() && sequences.contains(sent.get(i).sequence());
    }

    /** Asserts every recovered packet is byte-identical to the one sent with that sequence. */
    static void assertRecoveredBytesAreOriginal(Map<Integer, byte[]> recovered, int firstSequence, List<byte[]> packets) {
        for (Map.Entry<Integer, byte[]> entry : recovered.entrySet()) {
            int position = SequenceNumbers.distance(entry.getKey(), firstSequence);
            assertThat(position).isBetween(0, packets.size() - 1);
            assertThat(entry.getValue()).isEqualTo(packets.get(position));
        }
    }
}
