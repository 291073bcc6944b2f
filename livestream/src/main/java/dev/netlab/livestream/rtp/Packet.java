package dev.netlab.livestream.rtp;

import java.util.Objects;

/**
 * One livestream datagram, parsed: its {@link Header} and a typed payload. Produced by
 * {@link PacketReader}, turned into bytes by {@link PacketWriter}. Byte arrays are held as
 * given (not copied); treat them as read-only.
 */
public sealed interface Packet {

    Header header();

    /** 16-bit PCM audio; the header timestamp is the index of its first sample frame. */
    record Audio(Header header, byte[] pcm) implements Packet {
    }

    /** One fragment of an encoded frame; the header timestamp is the frame number. */
    record FrameFragment(Header header, int index, int count, byte[] data) implements Packet {
        public FrameFragment {
            if (count < 1 || count > PacketFormat.MAX_FRAGMENTS || index < 0 || index >= count) {
                throw new IllegalArgumentException("fragment " + index + " of " + count);
            }
        }
    }

    /** A repair packet of the stream named in the header. */
    record FecRepair(Header header, byte[] repair) implements Packet {
    }

    /**
     * Asks to join: with {@link #NO_COOKIE} it asks for a {@link Challenge}; with the cookie
     * of that challenge echoed it proves the receiver is at its source address.
     */
    record Subscribe(Header header, byte[] cookie) implements Packet {
        /** The cookie field of a first subscribe, which asks for a challenge. */
        public static final byte[] NO_COOKIE = new byte[PacketFormat.COOKIE_LENGTH];

        public Subscribe {
            requireLength("cookie", cookie, PacketFormat.COOKIE_LENGTH);
        }
    }

    /** The server's answer to a subscribe without a valid cookie: the cookie to echo. */
    record Challenge(Header header, byte[] cookie) implements Packet {
        public Challenge {
            requireLength("cookie", cookie, PacketFormat.COOKIE_LENGTH);
        }
    }

    /** The server's answer to a subscribe with a valid cookie: the proof for later control messages. */
    record Welcome(Header header, byte[] proof) implements Packet {
        public Welcome {
            requireLength("proof", proof, PacketFormat.PROOF_LENGTH);
        }
    }

    /**
     * A subscriber's control message. It carries the proof the server handed over in its
     * {@link Welcome}; without the proof of the subscriber at the source address it is dropped,
     * so nobody can end, steer or draw traffic to another's subscription.
     */
    sealed interface SubscriberControl extends Packet {
        byte[] proof();
    }

    /** Keeps a subscription alive; the server echoes the receiver's token to measure round trip. */
    record Heartbeat(Header header, byte[] proof, long token) implements SubscriberControl {
        public Heartbeat {
            requireLength("proof", proof, PacketFormat.PROOF_LENGTH);
        }
    }

    record Goodbye(Header header, byte[] proof) implements SubscriberControl {
        public Goodbye {
            requireLength("proof", proof, PacketFormat.PROOF_LENGTH);
        }
    }

    /** RTCP-RR-like quality report of one stream, receiver to server. */
    record ReceiverReport(Header header, byte[] proof, int fractionLost, int cumulativeLost, long highestSequence,
                          long jitterMicros, long concealed, int playoutDelayMillis) implements SubscriberControl {
        public ReceiverReport {
            requireLength("proof", proof, PacketFormat.PROOF_LENGTH);
        }
    }

    /** Sequences of the header's stream that the receiver is missing. */
    record Nack(Header header, byte[] proof, int[] sequences) implements SubscriberControl {
        public Nack {
            requireLength("proof", proof, PacketFormat.PROOF_LENGTH);
            if (sequences.length < 1 || sequences.length > PacketFormat.MAX_NACK_ENTRIES) {
                throw new IllegalArgumentException("NACK of " + sequences.length + " entries");
            }
        }
    }

    /** What a subscriber needs to play the session: formats, lengths, where its streams start. */
    record SessionInfo(Header header, int sampleRate, int channels, boolean loop, boolean hasFrames,
                       int samplesPerPacket, long audioFrames, int audioStartSequence, int frameStartSequence,
                       long audioStartPacket, long frameStartNumber, int fpsMilli, long videoFrames,
                       String fecSpec) implements Packet {
        public SessionInfo {
            Objects.requireNonNull(fecSpec, "fecSpec");
        }
    }

    record ServerGoodbye(Header header, GoodbyeReason reason) implements Packet {
    }

    private static void requireLength(String what, byte[] bytes, int length) {
        if (bytes.length != length) {
            throw new IllegalArgumentException(what + " of " + bytes.length + " bytes != " + length);
        }
    }
}
