package dev.netlab.livestream.receiver;

import dev.netlab.common.report.Interval;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.SignalToNoise;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.rtp.GoodbyeReason;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.MalformedPacketException;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketFormat;
import dev.netlab.livestream.rtp.PacketReader;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.rtp.StreamId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A livestream receiver: one unconnected UDP channel bound to an ephemeral port, one thread
 * (the caller's) that waits in a selector until a datagram comes or the next thing is due.
 * There is no connection: it subscribes (repeating until the session info arrives), keeps the
 * subscription alive with heartbeats, sends receiver reports and NACKs, and says goodbye at
 * the end. Only datagrams from the server's address are accepted; everything else is counted
 * and dropped. {@link #close} from another thread ends a running session.
 */
public final class ReceiverSession implements AutoCloseable {

    static final long SUBSCRIBE_RETRY_NANOS = 100_000_000L;
    static final long HEARTBEAT_NANOS = 250_000_000L;
    static final long REPORT_NANOS = 1_000_000_000L;
    static final long INTERVAL_NANOS = 1_000_000_000L;
    /** No session info within this time: the server is not there. */
    public static final long CONNECT_TIMEOUT_NANOS = 5_000_000_000L;
    /** Nothing from the server for this long mid-stream: it is gone. */
    public static final long SILENCE_TIMEOUT_NANOS = 5_000_000_000L;
    /**
     * Socket receive buffer asked for: about 4 s of audio and frames, so a receiver that is
     * briefly starved of CPU finds its datagrams waiting instead of dropped by the kernel (the
     * kernel may grant less, capped by net.core.rmem_max).
     */
    static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
    /** Media datagrams kept while the session info is still missing. */
    static final int MAX_EARLY_DATAGRAMS = 256;

    /**
     * Schemes run through the FEC code before the server's scheme is known: one XOR and one
     * Reed-Solomon, which between them exercise every encoder and decoder path, so the first
     * real recovery does not stall playout while the JIT compiles it.
     */
    private static final List<FecScheme> WARMUP_SCHEMES = List.of(new FecScheme.Xor2d(4, 4), new FecScheme.ReedSolomon(10, 2));

    private final PlayConfig config;
    private final PcmAudio reference;
    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress server;
    private final ReceiverCounters counters = new ReceiverCounters();
    private final Deque<byte[]> early = new ArrayDeque<>();
    private final List<Interval> intervals = new ArrayList<>();
    private volatile Consumer<String> status = s -> { };
    private final FrameSink frameSink;
    private final List<SessionSink> sessionSinks = new ArrayList<>();
    private SessionPlayout playout;
    private WavFileSink wav;
    private String outcome;
    private boolean done;
    private long startNanos;
    private long lastHeardNanos;

    public ReceiverSession(PlayConfig config, PcmAudio reference) throws IOException {
        this.config = config;
        this.reference = reference;
        this.server = config.server();
        WARMUP_SCHEMES.forEach(FecWarmup::warm);
        PlayoutWarmup.warm(WARMUP_SCHEMES.get(WARMUP_SCHEMES.size() - 1));
        // Before subscribing: its directory and first file write cost tens of ms the first time.
        this.frameSink = config.outFrames() == null ? FrameSink.NONE : new FrameDirectorySink(config.outFrames());
        this.channel = DatagramChannel.open(server.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            channel.bind(new InetSocketAddress(server.getAddress().isLoopbackAddress() ? server.getAddress() : null, 0));
            channel.configureBlocking(false);
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Adds a sink that also gets what is played (e.g. a forward to a local player); closed by {@link #run}. */
    public void addSink(SessionSink sink) {
        sessionSinks.add(sink);
    }

    /** Receives a one-line status about once a second (for a terminal). */
    public void onStatus(Consumer<String> listener) {
        this.status = listener;
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("receiver is closed", e);
        }
    }

    /** Runs the session to its end (goodbye, end of media, --duration, silence or close()). */
    public PlayResult run() throws IOException {
        startNanos = System.nanoTime();
        lastHeardNanos = startNanos;
        long nextSubscribe = startNanos;
        long nextHeartbeat = startNanos;
        long nextReport = startNanos + REPORT_NANOS;
        long nextInterval = startNanos + INTERVAL_NANOS;
        ByteBuffer buf = ByteBuffer.allocate(PacketFormat.MAX_DATAGRAM_LENGTH + 1);
        try {
            while (!done) {
                drain(buf);
                long now = System.nanoTime();
                if (playout == null && now >= nextSubscribe) {
                    send(new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0)));
                    nextSubscribe = now + SUBSCRIBE_RETRY_NANOS;
                }
                if (playout != null && now >= nextHeartbeat) {
                    send(new Packet.Heartbeat(Header.control(PacketType.HEARTBEAT, sessionId()), now));
                    nextHeartbeat = now + HEARTBEAT_NANOS;
                }
                if (playout != null && now >= nextReport) {
                    sendReports();
                    nextReport = now + REPORT_NANOS;
                }
                if (now >= nextInterval) {
                    intervals.add(counters.interval(startNanos, now, playout));
                    status.accept(counters.statusLine(playout));
                    nextInterval += INTERVAL_NANOS;
                }
                tick(now);
                if (done) {
                    break;
                }
                long wake = Math.min(Math.min(nextHeartbeat, nextReport), Math.min(nextInterval, nextSubscribe));
                if (playout != null) {
                    wake = Math.min(wake, playout.nextWakeup(now));
                } else {
                    wake = Math.min(wake, nextSubscribe);
                }
                long waitMillis = Math.max(1, (wake - System.nanoTime() + 999_999) / 1_000_000);
                selector.select(Math.min(waitMillis, 1000));
                selector.selectedKeys().clear();
                if (!channel.isOpen()) {
                    throw new ClosedChannelException();
                }
            }
        } catch (ClosedChannelException e) {
            end("closed", ExitCodes.FAILED);
        }
        return finish();
    }

    /**
     * Reads every datagram waiting in the socket before anything is played: after the
     * process was starved of CPU, packets that arrived in time are placed before their
     * (overdue) playout instead of being played as concealment and then counted late.
     */
    private void drain(ByteBuffer buf) throws IOException {
        SocketAddress from;
        while (!done && (from = channel.receive(buf.clear())) != null) {
            buf.flip();
            handle(from, Arrays.copyOf(buf.array(), buf.limit()), System.nanoTime());
        }
    }

    private void tick(long now) throws IOException {
        if (config.duration() != null && now - startNanos >= config.duration().toNanos()) {
            end("duration reached", true);
            return;
        }
        if (playout == null) {
            if (now - startNanos > CONNECT_TIMEOUT_NANOS) {
                end("no answer from " + server.getHostString() + ":" + server.getPort() + " within "
                        + CONNECT_TIMEOUT_NANOS / 1_000_000_000L + " s", ExitCodes.DISCONNECTED);
            }
            return;
        }
        if (now - lastHeardNanos > SILENCE_TIMEOUT_NANOS) {
            playout.flush(now);
            end("server went silent for " + SILENCE_TIMEOUT_NANOS / 1_000_000_000L + " s", ExitCodes.DISCONNECTED);
            return;
        }
        playout.clock().adapt(now);
        playout.playDue(now);
        List<Packet.Nack> nacks = playout.nacks(now);
        if (config.nack()) {
            for (Packet.Nack nack : nacks) {
                send(nack);
            }
        }
        if (playout.finished()) {
            end("end of media", true);
        }
    }

    private void handle(SocketAddress from, byte[] bytes, long now) throws IOException {
        if (!server.equals(from)) {
            counters.foreign++;
            return;
        }
        Packet packet;
        try {
            packet = PacketReader.read(bytes);
        } catch (MalformedPacketException e) {
            counters.malformed++;
            return;
        }
        lastHeardNanos = now;
        if (packet instanceof Packet.SessionInfo info) {
            if (playout == null) {
                start(info, now);
            }
            return;
        }
        if (playout == null) {
            if (packet instanceof Packet.ServerGoodbye bye) {
                goodbye(bye.reason(), now);
            } else if (early.size() < MAX_EARLY_DATAGRAMS) {
                early.add(bytes);
            }
            return;
        }
        if (packet.header().sessionId() != sessionId()) {
            counters.foreign++;
            return;
        }
        dispatch(packet, bytes, now);
    }

    private void dispatch(Packet packet, byte[] bytes, long now) throws IOException {
        if (packet instanceof Packet.Audio || packet instanceof Packet.FrameFragment || packet instanceof Packet.FecRepair) {
            playout.onMedia(packet, bytes, now);
        } else if (packet instanceof Packet.Heartbeat h) {
            playout.clock().onRoundTrip(now - h.token());
        } else if (packet instanceof Packet.ServerGoodbye bye) {
            goodbye(bye.reason(), now);
        } else {
            counters.malformed++;
        }
    }

    private void start(Packet.SessionInfo info, long now) throws IOException {
        AudioSink audioSink = AudioSink.NONE;
        if (config.outAudio() != null) {
            wav = new WavFileSink(config.outAudio(), SessionPlayout.timelineOf(info).format());
            if (!info.loop() && info.audioStartPacket() > 0) {
                // A late joiner's file still lines up with the source: silence up to the join.
                wav.writeSilence(info.audioStartPacket() * info.samplesPerPacket());
            }
            audioSink = wav;
        }
        for (SessionSink sink : sessionSinks) {
            sink.start(SessionPlayout.timelineOf(info), info.hasFrames());
        }
        playout = new SessionPlayout(info, new PlayoutClock(config.latency().toNanos()),
                SessionSink.tee(audioSink, sessionSinks), SessionSink.teeFrames(frameSink, sessionSinks));
        while (!early.isEmpty()) {
            byte[] bytes = early.poll();
            try {
                Packet p = PacketReader.read(bytes);
                if (p.header().sessionId() == sessionId()) {
                    dispatch(p, bytes, now);
                } else {
                    counters.foreign++;
                }
            } catch (MalformedPacketException e) {
                counters.malformed++;
            }
        }
    }

    private void goodbye(GoodbyeReason reason, long now) throws IOException {
        switch (reason) {
            case END_OF_MEDIA -> {
                if (playout != null) {
                    playout.flush(now);
                }
                end("end of media", true);
            }
            case SERVER_FULL -> end("refused: the server is full", false);
            case SHUTDOWN -> end("the server shut down", ExitCodes.DISCONNECTED);
            case TIMED_OUT -> end("the server timed this receiver out", ExitCodes.DISCONNECTED);
        }
    }

    private void end(String why, boolean ok) {
        end(why, ok ? ExitCodes.OK : ExitCodes.FAILED);
    }

    private void end(String why, int exitCode) {
        if (!done) {
            done = true;
            outcome = why;
            counters.ok = exitCode == ExitCodes.OK;
            counters.exitCode = exitCode;
        }
    }

    private void sendReports() throws IOException {
        AudioJitterBuffer a = playout.audio();
        long expected = a.received() + a.recoveredByFec() + a.recoveredByRetransmit() + a.concealed();
        long lost = expected - a.received();
        int fraction = counters.fractionLost(expected, lost);
        send(new Packet.ReceiverReport(new Header(PacketType.RECEIVER_REPORT, 0, StreamId.AUDIO, 0, 0, sessionId()),
                fraction, (int) Math.min(lost, 0xFFFFFF), Math.max(0, playout.highestAudioIndex()) & 0xFFFFFFFFL,
                (long) (playout.clock().jitterNanos() / 1000), a.concealed(),
                (int) (playout.clock().delayNanos() / 1_000_000)));
    }

    private void send(Packet packet) throws IOException {
        channel.send(ByteBuffer.wrap(PacketWriter.write(packet)), server);
    }

    private int sessionId() {
        return playout.info().header().sessionId();
    }

    private PlayResult finish() throws IOException {
        try {
            if (playout != null && channel.isOpen()) {
                send(new Packet.Goodbye(Header.control(PacketType.GOODBYE, sessionId())));
            }
            if (wav != null && counters.ok) {
                wav.commit();
            }
        } finally {
            if (wav != null) {
                wav.close();
            }
            for (SessionSink sink : sessionSinks) {
                sink.close();
            }
            channel.close();
            selector.close();
        }
        Double snr = null;
        if (reference != null && wav != null && counters.ok) {
            snr = SignalToNoise.decibels(reference, WavReader.read(config.outAudio()));
        }
        intervals.add(counters.interval(startNanos, System.nanoTime(), playout));
        return counters.result(playout, outcome, snr, wav == null ? 0 : wav.framesWritten());
    }

    public List<Interval> intervals() {
        return List.copyOf(intervals);
    }

    public boolean connected() {
        return playout != null;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        selector.wakeup();
    }
}
