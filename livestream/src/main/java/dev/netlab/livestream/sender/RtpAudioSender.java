package dev.netlab.livestream.sender;

import dev.netlab.common.metrics.LatencyRecorder;
import dev.netlab.common.metrics.Percentiles;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.Timeline;
import dev.netlab.livestream.rtp.RtpFormat;
import dev.netlab.livestream.rtp.RtpPacketWriter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a clip as plain RTP L16 to one destination, paced by the media clock (one 5 ms packet
 * per 5 ms, parkNanos to each packet's time). Random initial sequence, timestamp and SSRC as
 * RFC 3550 asks. Runs on the caller's thread; not reusable.
 */
public final class RtpAudioSender {

    private final PcmAudio audio;
    private final InetSocketAddress destination;
    private final int payloadType;
    private final Timeline timeline;
    private final LatencyRecorder deviation = new LatencyRecorder();
    private long packetsSent;

    public RtpAudioSender(PcmAudio audio, InetSocketAddress destination, int payloadType) {
        this.audio = audio;
        this.destination = destination;
        this.payloadType = payloadType;
        int spp = Timeline.samplesPerPacket(audio.format(), RtpFormat.MAX_PAYLOAD_LENGTH);
        this.timeline = new Timeline(audio.format(), spp, audio.frameCount(), 0, 0);
    }

    /** Packet duration in milliseconds, for the SDP's ptime. */
    public double packetMillis() {
        return timeline.samplesPerPacket() * 1000.0 / audio.format().sampleRate();
    }

    public void run() throws IOException {
        SecureRandom random = new SecureRandom();
        int sequence = random.nextInt(0x10000);
        long timestamp = random.nextInt() & 0xFFFFFFFFL;
        int ssrc = random.nextInt();
        try (DatagramSocket socket = new DatagramSocket()) {
            long start = System.nanoTime();
            for (long k = 0; k < timeline.audioPackets(); k++) {
                long due = start + timeline.audioPacketNanos(k);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                deviation.recordNanos(System.nanoTime() - due);
                byte[] pcm = audio.slice((int) (k * timeline.samplesPerPacket()), timeline.framesInPacket(k));
                byte[] datagram = RtpPacketWriter.write(payloadType, k == 0, (sequence + (int) k) & 0xFFFF,
                        (timestamp + k * timeline.samplesPerPacket()) & 0xFFFFFFFFL, ssrc, pcm);
                socket.send(new DatagramPacket(datagram, datagram.length, destination));
                packetsSent++;
            }
        }
    }

    public long packetsSent() {
        return packetsSent;
    }

    public Percentiles deviation() {
        return deviation.snapshot();
    }
}
