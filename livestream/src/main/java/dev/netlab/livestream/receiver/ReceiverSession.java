package dev.netlab.livestream.receiver;

import dev.netlab.common.report.Interval;
import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.rtp.GoodbyeReason;
import dev.netlab.livestream.rtp.MalformedPacketException;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketFormat;
import dev.netlab.livestream.rtp.PacketReader;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.rtp.UnsupportedVersionException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A livestream receiver: one unconnected UDP channel bound to an ephemeral port, one thread
 * (the caller's) that waits in a selector until a datagram comes or the next thing is due.
 * The loop only receives and hands on: datagrams from the server's address go, once parsed,
 * to the {@link Subscription} (challenge, welcome), to {@link EarlyDatagrams} (media before the
 * session info) or to the {@link SessionPlayout}; everything else is counted and dropped. The
 * subscription's timers and the playout's deadlines say when it wakes. The session ends with a
 * {@link SessionEnd}, and only then is the WAV committed; its SNR is the command's to measure.
 * {@link #close} from another thread ends a running session.
 */
public final class ReceiverSession implements AutoCloseable {

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

    /**
     * Schemes run through the FEC code before the server's scheme is known: one XOR and one
     * Reed-Solomon, which between them exercise every encoder and decoder path, so the first
     * real recovery does not stall playout while the JIT compiles it.
     */
    private static final List<FecScheme> WARMUP_SCHEMES = List.of(new FecScheme.Xor2d(4, 4), new FecScheme.ReedSolomon(10, 2));

    private final PlayConfig config;
    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress server;
    private final ReceiverCounters counters = new ReceiverCounters();
    private final EarlyDatagrams early = new EarlyDatagrams();
    private final List<Interval> intervals = new ArrayList<>();
    private volatile Consumer<String> status = s -> { };
    private final FrameSink frameSink;
    private final List<SessionSink> sessionSinks = new ArrayList<>();
    private Subscription subscription;
    private SessionPlayout playout;
    private WavFileSink wav;
    private SessionEnd end;
    private long startNanos;
    private long lastHeardNanos;

    public ReceiverSession(PlayConfig config) throws IOException {
        this.config = config;
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
        SessionEnd ended = receive();
        return finish(ended);
    }

    /** The loop: receives, hands on, sends what is due, and sleeps until the next thing is. */
    private SessionEnd receive() throws IOException {
        startNanos = System.nanoTime();
        lastHeardNanos = startNanos;
        subscription = new Subscription(this::send, startNanos);
        long nextInterval = startNanos + INTERVAL_NANOS;
        ByteBuffer buf = ByteBuffer.allocate(PacketFormat.MAX_DATAGRAM_LENGTH + 1);
        try {
            while (end == null) {
                drain(buf);
                long now = System.nanoTime();
                subscription.sendDue(now, playout, counters);
                if (now >= nextInterval) {
                    intervals.add(counters.interval(startNanos, now, playout));
                    status.accept(counters.statusLine(playout));
                    nextInterval += INTERVAL_NANOS;
                }
                tick(now);
                if (end != null) {
                    break;
                }
                long wake = Math.min(subscription.nextDue(), nextInterval);
                if (playout != null) {
                    wake = Math.min(wake, playout.nextWakeup(now));
                }
                long waitMillis = Math.max(1, (wake - System.nanoTime() + 999_999) / 1_000_000);
                selector.select(Math.min(waitMillis, 1000));
                selector.selectedKeys().clear();
                if (!channel.isOpen()) {
                    throw new ClosedChannelException();
                }
            }
        } catch (ClosedChannelException e) {
            end("closed", SessionEnd.Kind.FAILED);
        }
        return end;
    }

    /**
     * Reads every datagram waiting in the socket before anything is played: after the
     * process was starved of CPU, packets that arrived in time are placed before their
     * (overdue) playout instead of being played as concealment and then counted late.
     */
    private void drain(ByteBuffer buf) throws IOException {
        SocketAddress from;
        while (end == null && (from = channel.receive(buf.clear())) != null) {
            buf.flip();
            handle(from, Arrays.copyOf(buf.array(), buf.limit()), System.nanoTime());
        }
    }

    /** Ends the session on --duration or silence, plays what is due, sends NACKs, sees the end of media. */
    private void tick(long now) throws IOException {
        if (config.duration() != null && now - startNanos >= config.duration().toNanos()) {
            end("duration reached", SessionEnd.Kind.PLAYED);
            return;
        }
        if (playout == null) {
            if (now - startNanos > CONNECT_TIMEOUT_NANOS) {
                end("no answer from " + server.getHostString() + ":" + server.getPort() + " within "
                        + CONNECT_TIMEOUT_NANOS / 1_000_000_000L + " s", SessionEnd.Kind.DISCONNECTED);
            }
            return;
        }
        if (now - lastHeardNanos > SILENCE_TIMEOUT_NANOS) {
            playout.flush(now);
            end("server went silent for " + SILENCE_TIMEOUT_NANOS / 1_000_000_000L + " s", SessionEnd.Kind.DISCONNECTED);
            return;
        }
        playout.clock().adapt(now);
        playout.playDue(now);
        List<MissingSequences> missing = playout.nacks(now);
        if (config.nack()) {
            subscription.sendNacks(missing);
        }
        if (playout.finished()) {
            end("end of media", SessionEnd.Kind.PLAYED);
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
        } catch (UnsupportedVersionException e) {
            counters.malformed++;
            if (playout == null) {
                end("the server at " + server.getHostString() + ":" + server.getPort() + " speaks livestream packet format version "
                        + e.version() + ", this player " + PacketFormat.VERSION + ": use the same netlab version on both ends",
                        SessionEnd.Kind.FAILED);
            }
            return;
        } catch (MalformedPacketException e) {
            counters.malformed++;
            return;
        }
        lastHeardNanos = now;
        if (packet instanceof Packet.Challenge challenge) {
            subscription.onChallenge(challenge.cookie());
        } else if (packet instanceof Packet.Welcome welcome) {
            subscription.onWelcome(welcome.proof());
        } else if (packet instanceof Packet.SessionInfo info) {
            if (playout == null) {
                start(info, now);
            }
        } else if (playout == null) {
            if (packet instanceof Packet.ServerGoodbye bye) {
                goodbye(bye.reason(), now);
            } else {
                early.offer(bytes);
            }
        } else if (packet.header().sessionId() != sessionId()) {
            counters.foreign++;
        } else {
            dispatch(packet, bytes, now);
        }
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
            wav = WavFileSink.forSession(config.outAudio(), info);
            audioSink = wav;
        }
        for (SessionSink sink : sessionSinks) {
            sink.start(SessionPlayout.timelineOf(info), info.hasFrames());
        }
        playout = new SessionPlayout(info, new PlayoutClock(config.latency().toNanos()),
                SessionSink.tee(audioSink, sessionSinks), SessionSink.teeFrames(frameSink, sessionSinks));
        subscription.onSessionInfo(info.header().sessionId());
        byte[] bytes;
        while ((bytes = early.poll()) != null) {
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
                end("end of media", SessionEnd.Kind.PLAYED);
            }
            case SERVER_FULL -> end("refused: the server is full", SessionEnd.Kind.FAILED);
            case SHUTDOWN -> end("the server shut down", SessionEnd.Kind.DISCONNECTED);
            case TIMED_OUT -> end("the server timed this receiver out", SessionEnd.Kind.DISCONNECTED);
            case VERSION_MISMATCH -> end("the server refused this player's packet format version "
                    + PacketFormat.VERSION + ": use the same netlab version on both ends", SessionEnd.Kind.FAILED);
        }
    }

    /** The first ending wins. */
    private void end(String why, SessionEnd.Kind kind) {
        if (end == null) {
            end = new SessionEnd(why, kind);
        }
    }

    private void send(Packet packet) throws IOException {
        channel.send(ByteBuffer.wrap(PacketWriter.write(packet)), server);
    }

    private int sessionId() {
        return playout.info().header().sessionId();
    }

    /** Says goodbye, commits (or discards) the WAV, closes the socket, and sums up the counts. */
    private PlayResult finish(SessionEnd ended) throws IOException {
        try {
            if (channel.isOpen()) {
                subscription.sayGoodbye();
            }
            if (wav != null && ended.ok()) {
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
        intervals.add(counters.interval(startNanos, System.nanoTime(), playout));
        return counters.result(playout, ended, wav == null ? 0 : wav.framesWritten());
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
