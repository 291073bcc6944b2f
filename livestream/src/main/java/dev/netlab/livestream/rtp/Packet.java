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

    record Subscribe(Header header) implements Packet {
    }

    /** Keeps a subscription alive; the server echoes the receiver's token to measure round trip. */
    record Heartbeat(Header header, long token) implements Packet {
    }

    record Goodbye(Header header) implements Packet {
    }

    /** RTCP-RR-like quality report of one stream, receiver to server. */
    record ReceiverReport(Header header, int fractionLost, int cumulativeLost, long highestSequence,
                          long jitterMicros, long concealed, int playoutDelayMillis) implements Packet {
    }

    /** Sequences of the header's stream that the receiver is missing. */
    record Nack(Header header, int[] sequences) implements Packet {
        public Nack {
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
}
