package dev.netlab.livestream.forward;

import dev.netlab.livestream.media.Timeline;
import dev.netlab.livestream.receiver.SessionSink;
import dev.netlab.livestream.rtp.RtpFormat;
import dev.netlab.livestream.rtp.RtpPacketWriter;
import dev.netlab.livestream.rtp.SdpWriter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Hands what {@code play} plays, at its playout time, to a standard player as plain RTP: the
 * audio as L16 on the destination port, the frames as RTP/JPEG two ports above, both described
 * by the SDP file written (atomically) when the session starts, before the first packet. The
 * audio timestamp counts played sample frames, so concealed audio keeps the clock running; a
 * frame's timestamp is its frame number on the 90 kHz clock, and a held (frozen) frame is sent
 * again so the player's picture keeps time. A frame RTP/JPEG cannot carry even re-encoded is
 * skipped and counted, and the first reason kept. {@link #close} ends each stream with an
 * RTCP BYE (RFC 3550 6.6), so a player sees the end of the stream instead of waiting for more.
 * The BYE goes to the stream's RTP port, multiplexed as RFC 5761 allows, because a player
 * reads its RTP and RTCP sockets in no fixed order: on the RTCP port the BYE overtook up to a
 * second of frames still queued for ffmpeg, which then ended without them. Called on the receiver's thread only.
 */
public final class PlayerForward implements SessionSink {

    private final InetSocketAddress audioTo;
    private final InetSocketAddress videoTo;
    private final Path sdp;
    private final int payloadType;
    private final DatagramSocket socket;
    private final int audioSsrc;
    private final long audioTimestampBase;
    private final long videoTimestampBase;
    private final int videoSsrc;
    private final RtpJpegPacketizer video;
    private boolean started;
    private boolean hasFrames;
    private Timeline timeline;
    private int audioSequence;
    private long framesPlayed;
    private long audioPackets;
    private long framesSent;
    private long framesSkipped;
    private String firstSkipReason;
    private byte[] lastJpeg;
    private BaselineJpeg lastConverted;

    /** Opens the sending socket; {@code sdp} may be null (the caller describes the stream itself). */
    public PlayerForward(InetSocketAddress destination, Path sdp, int payloadType) throws IOException {
        if (destination.getPort() + SdpWriter.VIDEO_PORT_OFFSET > 65535) {
            throw new IllegalArgumentException("forward port " + destination.getPort() + " leaves no room for video at +"
                    + SdpWriter.VIDEO_PORT_OFFSET);
        }
        this.audioTo = destination;
        this.videoTo = new InetSocketAddress(destination.getAddress(), SdpWriter.videoPort(destination));
        this.sdp = sdp;
        this.payloadType = payloadType;
        this.socket = new DatagramSocket();
        SecureRandom random = new SecureRandom();
        this.audioSsrc = random.nextInt();
        this.audioSequence = random.nextInt(0x10000);
        this.audioTimestampBase = random.nextInt() & 0xFFFFFFFFL;
        this.videoTimestampBase = random.nextInt() & 0xFFFFFFFFL;
        this.videoSsrc = random.nextInt();
        this.video = new RtpJpegPacketizer(videoSsrc, random.nextInt(0x10000));
    }

    @Override
    public void start(Timeline timeline, boolean hasFrames) throws IOException {
        this.timeline = timeline;
        this.hasFrames = hasFrames;
        this.started = true;
        if (sdp != null) {
            double ptime = timeline.samplesPerPacket() * 1000.0 / timeline.format().sampleRate();
            double fps = hasFrames ? timeline.fpsMilli() / 1000.0 : 0;
            SdpWriter.write(sdp, SdpWriter.describe(audioTo, timeline.format(), payloadType, ptime, fps));
        }
    }

    @Override
    public void write(byte[] pcm) throws IOException {
        int bytesPerFrame = timeline.format().bytesPerFrame();
        int maxBytes = RtpFormat.MAX_PAYLOAD_LENGTH - RtpFormat.MAX_PAYLOAD_LENGTH % bytesPerFrame;
        for (int from = 0; from < pcm.length; from += maxBytes) {
            byte[] part = Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + maxBytes));
            long timestamp = (audioTimestampBase + framesPlayed) & 0xFFFFFFFFL;
            send(RtpPacketWriter.write(payloadType, audioPackets == 0, audioSequence, timestamp, audioSsrc, part), audioTo);
            audioSequence = (audioSequence + 1) & 0xFFFF;
            audioPackets++;
            framesPlayed += part.length / bytesPerFrame;
        }
    }

    @Override
    public void show(long frameNumber, byte[] jpeg, boolean held) throws IOException {
        BaselineJpeg frame;
        if (jpeg == lastJpeg) {
            frame = lastConverted;
        } else {
            lastJpeg = jpeg;
            try {
                frame = RtpJpegConverter.convert("frame " + frameNumber, jpeg);
            } catch (UnsupportedJpegException e) {
                frame = null;
                if (firstSkipReason == null) {
                    firstSkipReason = e.getMessage();
                }
            }
            lastConverted = frame;
        }
        if (frame == null) {
            framesSkipped++;
            return;
        }
        long timestamp = (videoTimestampBase + frameNumber * RtpJpegFormat.CLOCK_RATE * 1000L / timeline.fpsMilli())
                & 0xFFFFFFFFL;
        for (byte[] datagram : video.packets(frame, timestamp)) {
            send(datagram, videoTo);
        }
        framesSent++;
    }

    private void send(byte[] datagram, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    public long audioPackets() {
        return audioPackets;
    }

    public long framesSent() {
        return framesSent;
    }

    public long framesSkipped() {
        return framesSkipped;
    }

    /** Why the first skipped frame could not travel, or null. */
    public String firstSkipReason() {
        return firstSkipReason;
    }

    @Override
    public void close() throws IOException {
        try {
            if (started) {
                send(RtcpBye.packet(audioSsrc), audioTo);
                if (hasFrames) {
                    send(RtcpBye.packet(videoSsrc), videoTo);
                }
            }
        } finally {
            socket.close();
        }
    }
}
