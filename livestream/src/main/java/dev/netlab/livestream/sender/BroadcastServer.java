package dev.netlab.livestream.sender;

import dev.netlab.livestream.media.MediaSource;
import dev.netlab.livestream.media.Timeline;
import dev.netlab.livestream.receiver.FecWarmup;
import dev.netlab.livestream.rtp.GoodbyeReason;
import dev.netlab.livestream.rtp.StreamId;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A livestream broadcast server: one UDP socket, a paced broadcast thread and a control
 * thread. {@link #start} opens a datagram channel and binds it (no listen, no accept: subscribers are datagrams'
 * source addresses); {@link #close} says goodbye to the subscribers, closes the socket, which
 * ends the control thread, and joins both threads.
 */
public final class BroadcastServer implements AutoCloseable {

    /** Send buffer asked for: room for a burst of datagrams to many subscribers. */
    static final int SEND_BUFFER_BYTES = 4 * 1024 * 1024;
    /** How long close() waits for each thread before interrupting it. */
    private static final long JOIN_MILLIS = 2000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BroadcastServer.class);

    private final ServerConfig config;
    private final DatagramSocket socket;
    private final SubscriberTable subscribers;
    private final SenderStats stats = new SenderStats();
    private final BroadcastLoop broadcast;
    private final Thread broadcastThread;
    private final Thread controlThread;

    private BroadcastServer(ServerConfig config, DatagramChannel channel) {
        this.config = config;
        this.socket = channel.socket();
        SecureRandom random = new SecureRandom();
        this.subscribers = new SubscriberTable(config.maxSubscribers(), random);
        int sessionId = random.nextInt() | 1;
        Timeline timeline = timelineOf(config);
        Fanout fanout = new Fanout(channel, subscribers, stats);
        StreamOutput audio = new StreamOutput(StreamId.AUDIO, sessionId, random.nextInt(0x10000),
                config.fec().newEncoder(), fanout, stats);
        StreamOutput frames = new StreamOutput(StreamId.FRAMES, sessionId, random.nextInt(0x10000),
                config.fec().newEncoder(), fanout, stats);
        CountDownLatch firstSubscriber = new CountDownLatch(1);
        this.broadcast = new BroadcastLoop(config, timeline, sessionId, subscribers, fanout, stats, audio, frames,
                firstSubscriber);
        SubscriberAdmission admission = new SubscriberAdmission(sessionId, subscribers, fanout, stats, firstSubscriber,
                random, System.nanoTime());
        ControlLoop control = new ControlLoop(socket, sessionId, subscribers, fanout, stats, audio.history(),
                frames.history(), admission, config.subscriberTimeout().toNanos());
        this.broadcastThread = new Thread(broadcast, "livestream-broadcast");
        this.controlThread = new Thread(control, "livestream-control");
    }

    /** The timeline both ends compute: 5 ms packets capped to the source-datagram budget. */
    public static Timeline timelineOf(ServerConfig config) {
        MediaSource media = config.media();
        int spp = Timeline.samplesPerPacket(media.format(), MediaLimits.MAX_AUDIO_PAYLOAD);
        int fpsMilli = media.hasVideo() ? (int) Math.round(config.fps() * 1000) : 0;
        return new Timeline(media.format(), spp, media.audioFrames(), fpsMilli, media.videoFrames());
    }

    /** Binds the socket and starts both threads. */
    public static BroadcastServer start(ServerConfig config) throws IOException {
        FecWarmup.warm(config.fec());
        // A channel, so the fan-out can send from one direct buffer without a copy per
        // subscriber; its socket adaptor gives the control loop a receive with a timeout.
        DatagramChannel channel = DatagramChannel.open(config.bind().getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
            channel.bind(config.bind());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        BroadcastServer server = new BroadcastServer(config, channel);
        server.controlThread.start();
        server.broadcastThread.start();
        return server;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Waits for a non-looping broadcast to end (media over, goodbyes sent). */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return broadcast.ended().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void awaitEnd() throws InterruptedException {
        broadcast.ended().await();
    }

    public SenderStats.Snapshot stats() {
        return stats.snapshot();
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public ServerConfig config() {
        return config;
    }

    @Override
    public void close() throws InterruptedException {
        boolean endedAlready = broadcast.ended().getCount() == 0;
        broadcast.stop();
        closeMedia(); // ends a read that waits on a live source
        join(broadcastThread);
        if (!endedAlready) {
            broadcast.sayGoodbye(GoodbyeReason.SHUTDOWN);
        }
        socket.close();
        join(controlThread);
    }

    /** Why a live source ended early (one line), or null. */
    public String mediaProblem() {
        return config.media().problem();
    }

    private void closeMedia() {
        try {
            config.media().close();
        } catch (java.io.IOException e) {
            LOG.debug("closing the media source failed", e);
        }
    }

    private static void join(Thread t) throws InterruptedException {
        t.join(JOIN_MILLIS);
        if (t.isAlive()) {
            t.interrupt();
            t.join(JOIN_MILLIS);
        }
    }
}
