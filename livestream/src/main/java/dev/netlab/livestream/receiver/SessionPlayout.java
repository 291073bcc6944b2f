package dev.netlab.livestream.receiver;

import dev.netlab.livestream.fec.FecDecoder;
import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.fec.RecoveredPacket;
import dev.netlab.livestream.media.AudioFormat;
import dev.netlab.livestream.media.Timeline;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.MalformedPacketException;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketFormat;
import dev.netlab.livestream.rtp.PacketReader;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.rtp.StreamId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import dev.netlab.common.metrics.LatencyRecorder;

/**
 * The media half of a receiver, without sockets: given the session info, it places every
 * arriving audio packet, frame fragment and FEC repair, rebuilds what FEC can, says which
 * packets to NACK, and plays audio and frames when their time comes. The receive loop feeds it
 * and asks it when to wake next. Not thread-safe.
 */
public final class SessionPlayout {

    /**
     * An audio packet is taken as lost once the sender has been seen sending media this much
     * later than it (on either stream), even if no later audio packet arrived yet (a loss at
     * the end of a burst, or audio lost while frames get through).
     */
    static final long OVERDUE_MARGIN_NANOS = 10_000_000L;

    private final Packet.SessionInfo info;
    private final Timeline timeline;
    private final PlayoutClock clock;
    private final AudioJitterBuffer audio;
    private final FramePlayout frames;
    private final SequenceUnwrapper audioSequences;
    private final SequenceUnwrapper frameSequences;
    private final LossTracker audioLoss = new LossTracker();
    private final LossTracker frameLoss = new LossTracker();
    private final FecDecoder audioFec;
    private final FecDecoder frameFec;
    private final AudioSink audioSink;
    private final FrameSink frameSink;
    private final LatencyRecorder latency = new LatencyRecorder();
    /** Highest latency played since {@link #takeIntervalMaxLatencyNanos} was last called. */
    private long intervalMaxLatencyNanos;
    private long malformed;
    private long newestFrame;
    /** Latest media time the sender was seen sending (original packets of either stream). */
    private long newestSentMedia = Long.MIN_VALUE;

    public SessionPlayout(Packet.SessionInfo info, PlayoutClock clock, AudioSink audioSink, FrameSink frameSink) {
        this.info = info;
        this.clock = clock;
        this.audioSink = audioSink;
        this.frameSink = frameSink;
        this.timeline = timelineOf(info);
        long endPacket = info.loop() ? Long.MAX_VALUE : timeline.audioPackets();
        this.audio = new AudioJitterBuffer(timeline, info.audioStartPacket(), endPacket);
        long endFrame = !info.hasFrames() ? info.frameStartNumber() : info.loop() ? Long.MAX_VALUE : timeline.framesPerPass();
        this.frames = new FramePlayout(info.frameStartNumber(), Math.max(info.frameStartNumber(), endFrame));
        this.newestFrame = info.frameStartNumber();
        this.audioSequences = new SequenceUnwrapper(info.audioStartSequence());
        this.frameSequences = new SequenceUnwrapper(info.frameStartSequence());
        FecScheme fec = FecScheme.parse(info.fecSpec());
        FecWarmup.warm(fec);
        this.audioFec = fec.newDecoder();
        this.frameFec = fec.newDecoder();
    }

    public static Timeline timelineOf(Packet.SessionInfo info) {
        return new Timeline(new AudioFormat(info.sampleRate(), info.channels()), info.samplesPerPacket(),
                info.audioFrames(), info.fpsMilli(), info.videoFrames());
    }

    public Timeline timeline() {
        return timeline;
    }

    /** Handles a media or FEC packet of this session; {@code datagram} is its bytes as received. */
    public void onMedia(Packet packet, byte[] datagram, long now) {
        if (packet instanceof Packet.FecRepair r) {
            FecDecoder decoder = r.header().stream() == StreamId.AUDIO ? audioFec : frameFec;
            if (!decoder.addRepair(r.repair())) {
                malformed++;
            }
        } else {
            PacketSource source = packet.header().isRetransmission() ? PacketSource.RETRANSMISSION : PacketSource.ORIGINAL;
            byte[] asFirstSent = source == PacketSource.RETRANSMISSION
                    ? PacketWriter.withRetransmissionFlag(datagram, false) : datagram;
            if (place(packet, source, now)) {
                decoderOf(packet).addSource(packet.header().sequence(), asFirstSent);
            }
        }
        drainRecovered(audioFec, now);
        drainRecovered(frameFec, now);
    }

    private FecDecoder decoderOf(Packet packet) {
        return packet.header().stream() == StreamId.AUDIO ? audioFec : frameFec;
    }

    private void drainRecovered(FecDecoder decoder, long now) {
        for (RecoveredPacket r : decoder.drainRecovered()) {
            try {
                Packet p = PacketReader.read(r.sourcePacket());
                if (p.header().sessionId() == info.header().sessionId()) {
                    place(p, PacketSource.FEC, now);
                }
            } catch (MalformedPacketException e) {
                malformed++;
            }
        }
    }

    /** Places an audio packet or a fragment; returns false if it was malformed for this session. */
    private boolean place(Packet packet, PacketSource source, long now) {
        Header h = packet.header();
        if (packet instanceof Packet.Audio a) {
            long index = audioSequences.unwrap(h.sequence());
            long number = info.audioStartPacket() + index;
            if (index < 0) {
                return false; // sent before this subscriber's start: not ours to play
            }
            if (h.timestamp() != timeline.timestampOfPacketNumber(number)) {
                malformed++;
                return false;
            }
            if (source == PacketSource.ORIGINAL) {
                clock.onArrival(timeline.nanosOfPacketNumber(number), now);
                newestSentMedia = Math.max(newestSentMedia, timeline.nanosOfPacketNumber(number));
            }
            audioLoss.arrived(index, now);
            if (timeline.live() && h.isEndOfStream() && number < audio.endPacket()) {
                audio.endAt(number + 1);
                endFramesWithAudio(number, a.pcm().length / timeline.format().bytesPerFrame());
            }
            if (audio.offer(number, a.pcm(), source) == Offer.INVALID) {
                malformed++;
                return false;
            }
            return true;
        }
        if (packet instanceof Packet.FrameFragment f) {
            long index = frameSequences.unwrap(h.sequence());
            long number = info.frameStartNumber() + ((h.timestamp() - info.frameStartNumber()) & 0xFFFFFFFFL);
            if (!info.hasFrames()) {
                malformed++;
                return false;
            }
            if (index < 0) {
                return false; // a fragment of the frame in progress when this subscriber joined
            }
            frameLoss.arrived(index, now);
            newestFrame = Math.max(newestFrame, number);
            if (source == PacketSource.ORIGINAL) {
                newestSentMedia = Math.max(newestSentMedia, timeline.nanosOfFrameNumber(number));
            }
            if (frames.offer(number, f.index(), f.count(), f.data()) == Offer.INVALID) {
                malformed++;
                return false;
            }
            return true;
        }
        malformed++;
        return false;
    }

    /** Plays every audio packet and frame whose time has come; returns how many audio packets played. */
    public int playDue(long now) throws IOException {
        if (!clock.started()) {
            return 0;
        }
        int played = 0;
        while (!audio.finished() && clock.playoutAt(timeline.nanosOfPacketNumber(audio.nextToPlay())) <= now) {
            playAudio(now);
            played++;
        }
        while (!frames.finished() && clock.playoutAt(timeline.nanosOfFrameNumber(frames.nextToPlay())) <= now) {
            frames.playNext(frameSink);
        }
        return played;
    }

    private void playAudio(long now) throws IOException {
        long number = audio.nextToPlay();
        if (audio.playNext(audioSink)) {
            long sent = clock.sendTimeOf(timeline.nanosOfPacketNumber(number));
            latency.recordNanos(now - sent);
            intervalMaxLatencyNanos = Math.max(intervalMaxLatencyNanos, now - sent);
        }
        audioFec.discardBefore(audioSequences.sequenceOf(number - info.audioStartPacket() + 1));
    }

    /** A live source's last packet arrived: frames end where its audio does, as the sender's do. */
    private void endFramesWithAudio(long lastPacket, int framesInLast) {
        long endNanos = timeline.nanosOfPacketNumber(lastPacket) + timeline.format().nanosAt(framesInLast);
        frames.endAt(timeline.framesBefore(endNanos));
    }

    /**
     * Plays everything left at once, concealing what is missing (the server said goodbye). A live
     * stream whose last packet never arrived ends after the newest packet the sender was seen to send.
     */
    public void flush(long now) throws IOException {
        if (timeline.live() && audio.endPacket() == Long.MAX_VALUE) {
            long last = info.audioStartPacket() + Math.max(audioLoss.highest(), -1);
            audio.endAt(last + 1);
            endFramesWithAudio(last, timeline.samplesPerPacket());
        }
        while (!audio.finished()) {
            playAudio(now);
        }
        while (!frames.finished()) {
            frames.playNext(frameSink);
        }
    }

    /** Marks audio packets the sender has evidently sent as missing, then returns what to NACK. */
    public List<MissingSequences> nacks(long now) {
        List<MissingSequences> out = new ArrayList<>();
        if (!clock.started()) {
            return out;
        }
        long rtt = clock.roundTripNanos();
        // Evidence, not the wall clock: a sender that stalls sends nothing later either, so a
        // stall never turns into a storm of NACKs for packets that are merely delayed.
        long expectedBy = newestSentMedia - OVERDUE_MARGIN_NANOS;
        long index = audioLoss.highest();
        while (!audio.finished() && info.audioStartPacket() + index + 1 < endAudioPacket()
                && timeline.nanosOfPacketNumber(info.audioStartPacket() + index + 1) < expectedBy) {
            index++;
        }
        if (index > audioLoss.highest()) {
            audioLoss.expectUpTo(index, now);
        }
        addNacks(out, StreamId.AUDIO, audioSequences, audioLoss.due(now, rtt,
                i -> clock.playoutAt(timeline.nanosOfPacketNumber(info.audioStartPacket() + i))));
        if (!info.hasFrames()) {
            return out;
        }
        long frameDeadline = clock.playoutAt(timeline.nanosOfFrameNumber(newestFrame));
        addNacks(out, StreamId.FRAMES, frameSequences, frameLoss.due(now, rtt, i -> frameDeadline));
        return out;
    }

    private long endAudioPacket() {
        return audio.endPacket();
    }

    private void addNacks(List<MissingSequences> out, StreamId stream, SequenceUnwrapper sequences, List<Long> indexes) {
        for (int from = 0; from < indexes.size(); from += PacketFormat.MAX_NACK_ENTRIES) {
            int to = Math.min(indexes.size(), from + PacketFormat.MAX_NACK_ENTRIES);
            int[] seqs = new int[to - from];
            for (int i = from; i < to; i++) {
                seqs[i - from] = sequences.sequenceOf(indexes.get(i));
            }
            out.add(new MissingSequences(stream, seqs));
        }
    }

    /** The earliest time something is due: a playout or a NACK. */
    public long nextWakeup(long now) {
        long at = now + 50_000_000L;
        if (clock.started()) {
            if (!audio.finished()) {
                at = Math.min(at, clock.playoutAt(timeline.nanosOfPacketNumber(audio.nextToPlay())));
            }
            if (!frames.finished()) {
                at = Math.min(at, clock.playoutAt(timeline.nanosOfFrameNumber(frames.nextToPlay())));
            }
            long rtt = clock.roundTripNanos();
            at = Math.min(at, Math.min(audioLoss.nextCheckNanos(rtt), frameLoss.nextCheckNanos(rtt)));
            at = Math.min(at, now + Timeline.AUDIO_PACKET_NANOS);
        }
        return at;
    }

    public boolean finished() {
        return audio.finished() && frames.finished();
    }

    public AudioJitterBuffer audio() {
        return audio;
    }

    public FramePlayout frames() {
        return frames;
    }

    public PlayoutClock clock() {
        return clock;
    }

    public long malformed() {
        return malformed;
    }

    public long nacksSent() {
        return audioLoss.nacksSent() + frameLoss.nacksSent();
    }

    public long highestAudioIndex() {
        return audioLoss.highest();
    }

    public LatencyRecorder latency() {
        return latency;
    }

    /** The highest latency of the audio played since the last call (0 if none), for per-second intervals. */
    public long takeIntervalMaxLatencyNanos() {
        long max = intervalMaxLatencyNanos;
        intervalMaxLatencyNanos = 0;
        return max;
    }

    public Packet.SessionInfo info() {
        return info;
    }
}
