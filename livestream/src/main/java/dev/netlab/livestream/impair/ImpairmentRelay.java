package dev.netlab.livestream.impair;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A two-way UDP relay that applies an {@link ImpairmentModel} to each direction: clients send to
 * its listening port, it forwards to the target, and the target's replies go back to the client
 * they answer. Like a NAT, each client address gets its own upstream channel to the target
 * (its mapping), which expires after {@link #MAPPING_IDLE_TIMEOUT} without traffic.
 *
 * <p>It owns two threads: the I/O thread blocks in a {@link Selector} on the listening channel
 * and every upstream channel, applies the model and sends undelayed copies at once; the delay
 * thread blocks on a {@link DelayQueue} (bounded by {@link #MAX_QUEUED_DATAGRAMS}) and sends each
 * delayed copy when it is due. {@link #close()} stops both and closes every channel.
 */
public final class ImpairmentRelay implements AutoCloseable {

    /**
     * Delayed copies waiting at most: 8192 x 1.2 kB is about 10 MB, and covers a 1 s delay at
     * 8000 datagrams/s, far above a media stream. Copies beyond it are discarded and counted.
     */
    public static final int MAX_QUEUED_DATAGRAMS = 8192;

    /** A client silent this long (both ways) loses its mapping, like a NAT's UDP timeout. */
    public static final Duration MAPPING_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** Mappings at most; datagrams from further clients are discarded and counted. */
    public static final int MAX_CLIENTS = 1024;

    /** The largest UDP payload; the receive buffer is this big so nothing is truncated. */
    public static final int MAX_DATAGRAM_LENGTH = 65_507;

    /** How many datagrams one channel may deliver before the I/O thread serves the others. */
    private static final int RECEIVE_BATCH = 64;

    /** How long {@link #close()} waits for each thread before interrupting it. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(ImpairmentRelay.class);

    private final InetSocketAddress target;
    private final DatagramChannel listen;
    private final Selector selector;
    private final long idleTimeoutNanos;
    private final int maxQueued;
    private final Map<InetSocketAddress, ClientMapping> mappings = new ConcurrentHashMap<>();
    private final Map<Direction, ImpairmentModel> models = new EnumMap<>(Direction.class);
    private final RelayCounters counters = new RelayCounters();
    private final DelayQueue<ScheduledDatagram> delayQueue = new DelayQueue<>();
    private final AtomicLong scheduleOrder = new AtomicLong();
    private final Thread ioThread;
    private final Thread delayThread;
    private volatile boolean closed;

    private ImpairmentRelay(ImpairmentConfig config, DatagramChannel listen, Selector selector,
                            InetSocketAddress target, Duration idleTimeout, int maxQueued) {
        this.listen = listen;
        this.selector = selector;
        this.target = target;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.maxQueued = maxQueued;
        for (Direction direction : Direction.values()) {
            models.put(direction, new ImpairmentModel(config, direction));
        }
        this.ioThread = new Thread(this::runIo, "impair-io-" + port());
        this.delayThread = new Thread(this::runDelayed, "impair-delay-" + port());
    }

    /** Binds {@code listen} (port 0 picks a free one) and starts relaying to {@code target}. */
    public static ImpairmentRelay start(ImpairmentConfig config, InetSocketAddress listen, InetSocketAddress target)
            throws IOException {
        return start(config, listen, target, MAPPING_IDLE_TIMEOUT, MAX_QUEUED_DATAGRAMS);
    }

    /** For tests: a shorter idle timeout or a smaller delay queue. */
    static ImpairmentRelay start(ImpairmentConfig config, InetSocketAddress listen, InetSocketAddress target,
                                 Duration idleTimeout, int maxQueued) throws IOException {
        if (target.isUnresolved()) {
            throw new java.net.UnknownHostException("cannot resolve target host " + target.getHostString());
        }
        DatagramChannel channel = DatagramChannel.open();
        Selector selector = null;
        try {
            channel.bind(listen);
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
        ImpairmentRelay relay = new ImpairmentRelay(config, channel, selector, target, idleTimeout, maxQueued);
        relay.ioThread.start();
        relay.delayThread.start();
        return relay;
    }

    /** The bound listening port. */
    public int port() {
        return localAddress().getPort();
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) listen.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("relay is closed", e);
        }
    }

    public RelayCounters counters() {
        return counters;
    }

    /** The number of live client mappings. */
    public int activeMappings() {
        return mappings.size();
    }

    private void runIo() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM_LENGTH);
        long checkMillis = Math.max(1, Math.min(1000, idleTimeoutNanos / 4_000_000));
        try {
            while (!closed) {
                selector.select(checkMillis);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.attachment() instanceof ClientMapping mapping) {
                        receiveFromTarget(mapping, buffer);
                    } else {
                        receiveFromClients(buffer);
                    }
                }
                expireIdleMappings(System.nanoTime());
            }
        } catch (ClosedSelectorException | IOException e) {
            if (!closed) {
                LOG.error("impairment relay stopped: {}", e.toString());
            }
        }
    }

    private void receiveFromClients(ByteBuffer buffer) throws IOException {
        for (int i = 0; i < RECEIVE_BATCH; i++) {
            buffer.clear();
            SocketAddress from;
            try {
                from = listen.receive(buffer);
            } catch (PortUnreachableException e) {
                continue;
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException e) {
                // a receive error on the listening channel is about one datagram, not the relay
                LOG.warn("receive on {} failed: {}", listen.getLocalAddress(), e.toString());
                return;
            }
            if (from == null) {
                return;
            }
            byte[] datagram = copy(buffer);
            ClientMapping mapping = mappingFor((InetSocketAddress) from);
            if (mapping == null) {
                counters.of(Direction.TO_TARGET).received.increment();
                counters.of(Direction.TO_TARGET).discarded.increment();
                continue;
            }
            forward(Direction.TO_TARGET, datagram, mapping.upstream, null);
        }
    }

    private void receiveFromTarget(ClientMapping mapping, ByteBuffer buffer) {
        for (int i = 0; i < RECEIVE_BATCH; i++) {
            buffer.clear();
            try {
                if (mapping.upstream.receive(buffer) == null) {
                    return;
                }
            } catch (PortUnreachableException e) {
                // the target is not listening (yet): the ICMP error is no reason to drop the mapping
                continue;
            } catch (IOException e) {
                LOG.debug("closing mapping of {}: {}", mapping.client, e.toString());
                closeMapping(mapping);
                return;
            }
            mapping.lastActiveNanos = System.nanoTime();
            forward(Direction.TO_CLIENT, copy(buffer), listen, mapping.client);
        }
    }

    private static byte[] copy(ByteBuffer buffer) {
        buffer.flip();
        byte[] datagram = new byte[buffer.remaining()];
        buffer.get(datagram);
        return datagram;
    }

    private ClientMapping mappingFor(InetSocketAddress client) {
        long now = System.nanoTime();
        ClientMapping mapping = mappings.get(client);
        if (mapping == null) {
            if (mappings.size() >= MAX_CLIENTS) {
                LOG.warn("refusing client {}: {} mappings is the maximum", client, MAX_CLIENTS);
                return null;
            }
            try {
                DatagramChannel upstream = ClientMapping.openUpstream(target);
                mapping = new ClientMapping(client, upstream, now);
                upstream.register(selector, SelectionKey.OP_READ, mapping);
            } catch (IOException e) {
                LOG.warn("cannot open a mapping for {} to {}: {}", client, target, e.toString());
                return null;
            }
            mappings.put(client, mapping);
            LOG.debug("new mapping {} -> {}", client, target);
        }
        mapping.lastActiveNanos = now;
        return mapping;
    }

    private void expireIdleMappings(long now) {
        for (ClientMapping mapping : mappings.values()) {
            if (now - mapping.lastActiveNanos > idleTimeoutNanos) {
                LOG.debug("mapping of {} expired after {} idle", mapping.client, Duration.ofNanos(idleTimeoutNanos));
                closeMapping(mapping);
            }
        }
    }

    private void closeMapping(ClientMapping mapping) {
        mappings.remove(mapping.client, mapping);
        closeQuietly(mapping.upstream);
    }

    private void forward(Direction direction, byte[] datagram, DatagramChannel channel, InetSocketAddress destination) {
        RelayCounters.DirectionCounters count = counters.of(direction);
        count.received.increment();
        List<Delivery> deliveries = models.get(direction).decide(datagram);
        if (deliveries.isEmpty()) {
            count.dropped.increment();
            return;
        }
        count.duplicated.add(deliveries.size() - 1);
        for (Delivery delivery : deliveries) {
            if (delivery.corrupted()) {
                count.corrupted.increment();
            }
            if (delivery.reordered()) {
                count.reordered.increment();
            }
            if (delivery.delayNanos() == 0) {
                send(direction, channel, destination, delivery.datagram());
            } else if (delayQueue.size() >= maxQueued) {
                count.discarded.increment();
            } else {
                delayQueue.put(new ScheduledDatagram(System.nanoTime() + delivery.delayNanos(),
                        scheduleOrder.getAndIncrement(), direction, channel, destination, delivery.datagram()));
            }
        }
    }

    private void runDelayed() {
        try {
            while (true) {
                ScheduledDatagram due = delayQueue.take();
                if (due.isStopSignal()) {
                    return;
                }
                send(due.direction(), due.channel(), due.destination(), due.datagram());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one copy; never throws (called from both threads; channels are thread-safe). */
    private void send(Direction direction, DatagramChannel channel, InetSocketAddress destination, byte[] datagram) {
        RelayCounters.DirectionCounters count = counters.of(direction);
        try {
            ByteBuffer bytes = ByteBuffer.wrap(datagram);
            int sent = destination == null ? channel.write(bytes) : channel.send(bytes, destination);
            if (sent == 0 && datagram.length > 0) {
                count.discarded.increment();
            } else {
                count.forwarded.increment();
            }
        } catch (ClosedChannelException e) {
            count.discarded.increment();
        } catch (IOException e) {
            LOG.debug("cannot send {} datagram: {}", direction.label(), e.toString());
            count.discarded.increment();
        }
    }

    /** Stops both threads (join, then interrupt if they hang) and closes every channel. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        selector.wakeup();
        join(ioThread);
        delayQueue.clear();
        delayQueue.put(ScheduledDatagram.stopSignal(scheduleOrder.getAndIncrement()));
        join(delayThread);
        for (ClientMapping mapping : mappings.values()) {
            closeMapping(mapping);
        }
        closeQuietly(listen);
        closeQuietly(selector);
    }

    private static void join(Thread thread) {
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                LOG.warn("{} did not stop within {} ms; interrupting it", thread.getName(), JOIN_TIMEOUT.toMillis());
                thread.interrupt();
                thread.join(JOIN_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing {}: {}", closeable, e.toString());
        }
    }
}
