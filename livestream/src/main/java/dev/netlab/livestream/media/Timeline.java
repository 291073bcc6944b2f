package dev.netlab.livestream.media;

/**
 * Where every packet of a session sits on the media clock. Sender and receiver both compute
 * it from the same few numbers (sent in the session info), so they agree exactly on how many
 * audio packets and frames a broadcast has and when each one is due.
 *
 * <p>Audio packet k holds sample frames [k * samplesPerPacket, ...) and is due at that
 * sample's time; only the last packet of a clip may be shorter. Frame n is due at n / fps.
 * A non-looping broadcast lasts as long as its audio; frames past the audio's end are not sent.
 *
 * <p>A live source (standard input, a file ffmpeg is still decoding) has no known length: its
 * timeline has {@link #UNKNOWN_LENGTH} audio frames, counts packets and frames without end, and
 * the stream ends where the sender's first short (possibly empty) audio packet says it does.
 */
public final class Timeline {

    /**
     * Audio packet duration: 5 ms. 48 kHz stereo is then 960 bytes of PCM, inside the
     * 1200-byte datagram budget even with a FEC repair header around it (10 ms would be 1920
     * bytes and need IP fragmentation), and one lost packet is only 5 ms to conceal.
     * 200 packets a second is cheap on loopback and a LAN.
     */
    public static final long AUDIO_PACKET_NANOS = 5_000_000L;

    /** The audio length of a live source, as the session info carries it: not known in advance. */
    public static final long UNKNOWN_LENGTH = 0;

    private final AudioFormat format;
    private final int samplesPerPacket;
    private final long audioFrames;
    private final int fpsMilli;
    private final long videoFrames;

    public Timeline(AudioFormat format, int samplesPerPacket, long audioFrames, int fpsMilli, long videoFrames) {
        if (samplesPerPacket < 1) {
            throw new IllegalArgumentException("samples per packet " + samplesPerPacket + " < 1");
        }
        this.format = format;
        this.samplesPerPacket = samplesPerPacket;
        this.audioFrames = audioFrames;
        this.fpsMilli = fpsMilli;
        this.videoFrames = fpsMilli > 0 ? videoFrames : 0;
    }

    /** Samples per packet for {@link #AUDIO_PACKET_NANOS}, capped so a packet fits {@code maxPayload}. */
    public static int samplesPerPacket(AudioFormat format, int maxPayload) {
        long wanted = Math.max(1, format.framesIn(AUDIO_PACKET_NANOS));
        return (int) Math.max(1, Math.min(wanted, maxPayload / format.bytesPerFrame()));
    }

    public AudioFormat format() {
        return format;
    }

    public int samplesPerPacket() {
        return samplesPerPacket;
    }

    public long audioFrames() {
        return audioFrames;
    }

    public int fpsMilli() {
        return fpsMilli;
    }

    public long videoFrames() {
        return videoFrames;
    }

    /** True when the length is not known in advance (a live source): packets go on until a short one. */
    public boolean live() {
        return audioFrames == UNKNOWN_LENGTH;
    }

    /** Audio packets in one pass of the clip (unbounded when live). */
    public long audioPackets() {
        if (live()) {
            return Long.MAX_VALUE;
        }
        return (audioFrames + samplesPerPacket - 1) / samplesPerPacket;
    }

    /** Sample frames in packet {@code k} of one pass (the last may be short). */
    public int framesInPacket(long k) {
        if (live()) {
            return samplesPerPacket;
        }
        return (int) Math.max(0, Math.min(samplesPerPacket, audioFrames - k * samplesPerPacket));
    }

    /** Media time of audio packet {@code k} counted from the start of one pass. */
    public long audioPacketNanos(long k) {
        return format.nanosAt(k * samplesPerPacket);
    }

    public long audioDurationNanos() {
        return live() ? Long.MAX_VALUE : format.nanosAt(audioFrames);
    }

    /** Media time of frame {@code n}. */
    public long frameNanos(long n) {
        return fpsMilli == 0 ? Long.MAX_VALUE : n * 1_000_000_000_000L / fpsMilli;
    }

    /** Frames shown in one pass: those of the source that start before the audio ends. */
    public long framesPerPass() {
        if (fpsMilli == 0) {
            return 0;
        }
        if (live()) {
            return Long.MAX_VALUE;
        }
        return Math.min(videoFrames, framesBefore(audioDurationNanos()));
    }

    /** Frames that start before media time {@code nanos}: those shown while that much audio plays. */
    public long framesBefore(long nanos) {
        return fpsMilli == 0 ? 0 : (nanos * fpsMilli + 999_999_999_999L) / 1_000_000_000_000L;
    }

    /** Media time, since the broadcast began, of audio packet number {@code K} (passes repeat the clip). */
    public long nanosOfPacketNumber(long packetNumber) {
        if (live()) {
            return audioPacketNanos(packetNumber);
        }
        long pass = packetNumber / audioPackets();
        return pass * audioDurationNanos() + audioPacketNanos(packetNumber % audioPackets());
    }

    /** Packet {@code K}'s index within its pass of the clip. */
    public long packetInPass(long packetNumber) {
        return packetNumber % audioPackets();
    }

    /** Media timestamp (sample index since the broadcast began, mod 2^32) of packet number {@code K}. */
    public long timestampOfPacketNumber(long packetNumber) {
        long pass = packetNumber / audioPackets();
        return (pass * audioFrames + packetInPass(packetNumber) * samplesPerPacket) & 0xFFFFFFFFL;
    }

    /** Media time, since the broadcast began, of frame number {@code N}. */
    public long nanosOfFrameNumber(long frameNumber) {
        long perPass = framesPerPass();
        if (perPass == 0) {
            return Long.MAX_VALUE;
        }
        if (live()) {
            return frameNanos(frameNumber);
        }
        return frameNumber / perPass * audioDurationNanos() + frameNanos(frameNumber % perPass);
    }

    /** The source frame shown as frame number {@code N}. */
    public int sourceFrameOf(long frameNumber) {
        return framesPerPass() == 0 ? 0 : (int) (frameNumber % framesPerPass());
    }
}
