package dev.netlab.livestream.sender;

import dev.netlab.livestream.media.MediaSource;
import dev.netlab.livestream.media.Timeline;
import dev.netlab.livestream.rtp.GoodbyeReason;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketFormat;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * The paced send loop of a broadcast: it sleeps (parkNanos) until each packet's time on the
 * media clock, sends it to every subscriber, and records how late it woke. Audio packet k goes
 * at its first sample's time; the fragments of frame n are spread over the first half of the
 * frame interval instead of leaving as one burst. A subscriber gets its session info just
 * before the first audio packet it will receive. Without looping, the loop ends with the
 * media: it lingers to answer late NACKs, then says goodbye to every subscriber. A live source
 * is read at each packet's time, one packet ahead, so its last audio packet (which may be
 * short) carries END_OF_STREAM and tells receivers the length; frames stop with the audio.
 */
final class BroadcastLoop implements Runnable {

    /**
     * After the last packet, keep answering NACKs this long before the goodbye: longer than
     * the largest playout delay a receiver adapts to by default (2 x 100 ms).
     */
    static final long LINGER_NANOS = 300_000_000L;
    /** Goodbyes are sent this many times, as they may be lost like any datagram. */
    static final int GOODBYE_COPIES = 3;

    private final ServerConfig config;
    private final Timeline timeline;
    private final int sessionId;
    private final SubscriberTable subscribers;
    private final Fanout fanout;
    private final SenderStats stats;
    private final StreamOutput audio;
    private final StreamOutput frames;
    private final CountDownLatch firstSubscriber;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final int fragmentData;
    private volatile boolean stopping;
    private long endPackets;
    private long endFrames;
    /** The next packet's samples of a live source, read to learn whether the current one is the last. */
    private byte[] readAhead;
    private volatile Thread runner;

    BroadcastLoop(ServerConfig config, Timeline timeline, int sessionId, SubscriberTable subscribers, Fanout fanout,
                  SenderStats stats, StreamOutput audio, StreamOutput frames, CountDownLatch firstSubscriber) {
        this.config = config;
        this.timeline = timeline;
        this.sessionId = sessionId;
        this.subscribers = subscribers;
        this.fanout = fanout;
        this.stats = stats;
        this.audio = audio;
        this.frames = frames;
        this.firstSubscriber = firstSubscriber;
        this.fragmentData = MediaLimits.MAX_SOURCE_DATAGRAM - PacketFormat.HEADER_LENGTH - PacketFormat.FRAGMENT_HEADER_LENGTH;
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        try {
            if (!config.loop()) {
                firstSubscriber.await();
            }
            if (!stopping) {
                broadcast();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    private void broadcast() {
        long start = System.nanoTime();
        endPackets = config.loop() ? Long.MAX_VALUE : timeline.audioPackets();
        endFrames = !config.media().hasVideo() ? 0 : config.loop() ? Long.MAX_VALUE : timeline.framesPerPass();
        long packet = 0;
        long frame = 0;
        int fragment = 0;
        byte[] frameBytes = frameBytes(0);
        long lastAt = start;
        while (!stopping && (packet < endPackets || frame < endFrames)) {
            long audioAt = packet < endPackets ? start + timeline.nanosOfPacketNumber(packet) : Long.MAX_VALUE;
            int count = frameBytes == null ? 1 : fragmentCount(frameBytes);
            long frameInterval = timeline.frameNanos(1);
            long fragmentAt = frame < endFrames
                    ? start + timeline.nanosOfFrameNumber(frame) + fragment * (frameInterval / 2) / count : Long.MAX_VALUE;
            lastAt = Math.min(audioAt, fragmentAt);
            parkUntil(lastAt);
            if (stopping) {
                break;
            }
            stats.recordDeviation(System.nanoTime() - lastAt);
            if (audioAt <= fragmentAt) {
                welcomeNewSubscribers(packet, frame, fragment, count);
                sendAudio(packet++);
            } else {
                sendFragment(frame, fragment, count, frameBytes);
                if (++fragment == count) {
                    fragment = 0;
                    frame++;
                    frameBytes = frame < endFrames ? frameBytes(frame) : null;
                }
            }
        }
        if (!stopping) {
            parkUntil(lastAt + LINGER_NANOS);
            sayGoodbye(GoodbyeReason.END_OF_MEDIA);
        }
    }

    /** The frame to send as number {@code frameNumber}, or null (and no more frames) when the video ended. */
    private byte[] frameBytes(long frameNumber) {
        if (frameNumber >= endFrames) {
            return null;
        }
        byte[] frame = config.media().frame(timeline.sourceFrameOf(frameNumber));
        if (frame == null) {
            endFrames = frameNumber;
        }
        return frame;
    }

    private int fragmentCount(byte[] frame) {
        return Math.max(1, (frame.length + fragmentData - 1) / fragmentData);
    }

    private void sendAudio(long packetNumber) {
        long k = timeline.packetInPass(packetNumber);
        int wanted = timeline.framesInPacket(k);
        byte[] samples = readAhead != null ? readAhead : config.media().audio(k * timeline.samplesPerPacket(), wanted);
        readAhead = null;
        int flags = 0;
        if (timeline.live()) {
            // A live source's length shows only where it ends: read one packet ahead so the
            // last one can carry END_OF_STREAM (an empty packet cannot be sent).
            boolean last = samples.length < wanted * timeline.format().bytesPerFrame();
            if (!last) {
                readAhead = config.media().audio((k + 1) * timeline.samplesPerPacket(), wanted);
                last = readAhead.length == 0;
            }
            if (samples.length == 0) {
                endPackets = packetNumber; // the source ended before any audio: nothing to send
                endFrames = 0;
                return;
            }
            if (last) {
                flags = PacketFormat.FLAG_END_OF_STREAM;
                endPackets = packetNumber + 1;
                long endNanos = timeline.audioPacketNanos(k) + timeline.format().nanosAt(samples.length / timeline.format().bytesPerFrame());
                endFrames = Math.min(endFrames, timeline.framesBefore(endNanos));
            }
        }
        Header h = audio.nextHeader(PacketType.AUDIO, timeline.timestampOfPacketNumber(packetNumber), flags);
        audio.send(new Packet.Audio(h, samples));
    }

    private void sendFragment(long frameNumber, int index, int count, byte[] frame) {
        int from = index * fragmentData;
        byte[] data = java.util.Arrays.copyOfRange(frame, from, Math.min(frame.length, from + fragmentData));
        Header h = frames.nextHeader(PacketType.FRAME_FRAGMENT, frameNumber & 0xFFFFFFFFL);
        frames.send(new Packet.FrameFragment(h, index, count, data));
    }

    /**
     * Gives each subscriber that asked the session info, fixed at the first time: its streams
     * start with this audio packet and the next whole frame.
     */
    private void welcomeNewSubscribers(long packetNumber, long frame, int fragment, int fragmentCount) {
        for (Subscriber s : subscribers.snapshot()) {
            if (!s.infoWanted()) {
                continue;
            }
            if (s.info() == null) {
                long firstFrame = fragment == 0 ? frame : frame + 1;
                int frameSequence = (frames.nextSequence() + (fragment == 0 ? 0 : fragmentCount - fragment)) & 0xFFFF;
                s.info(sessionInfo(packetNumber, firstFrame, frameSequence));
            }
            fanout.to(s.address(), PacketWriter.write(s.info()));
            s.infoSent();
        }
    }

    private Packet.SessionInfo sessionInfo(long packetNumber, long firstFrame, int frameSequence) {
        return new Packet.SessionInfo(Header.control(PacketType.SESSION_INFO, sessionId),
                timeline.format().sampleRate(), timeline.format().channels(), config.loop(), config.media().hasVideo(),
                timeline.samplesPerPacket(), timeline.audioFrames(), audio.nextSequence(), frameSequence,
                packetNumber & 0xFFFFFFFFL, firstFrame & 0xFFFFFFFFL, timeline.fpsMilli(), timeline.videoFrames(),
                config.fec().spec());
    }

    void sayGoodbye(GoodbyeReason reason) {
        byte[] bye = PacketWriter.write(new Packet.ServerGoodbye(Header.control(PacketType.SERVER_GOODBYE, sessionId), reason));
        for (int i = 0; i < GOODBYE_COPIES; i++) {
            for (Subscriber s : subscribers.snapshot()) {
                fanout.to(s.address(), bye);
            }
        }
    }

    private void parkUntil(long deadline) {
        long wait;
        while (!stopping && (wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
        }
    }

    /** Asks the loop to stop; it returns from its current wait at once. */
    void stop() {
        stopping = true;
        firstSubscriber.countDown();
        Thread t = runner;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    CountDownLatch ended() {
        return ended;
    }
}
