package dev.netlab.filetransfer.client;

import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.filetransfer.engine.FileOutcome;
import dev.netlab.filetransfer.engine.FileReceiver;
import dev.netlab.filetransfer.engine.FileSender;
import dev.netlab.filetransfer.engine.ReceiverEvents;
import dev.netlab.filetransfer.engine.ReplyReader;
import dev.netlab.filetransfer.engine.SenderEvents;
import dev.netlab.filetransfer.engine.SourceFile;
import dev.netlab.filetransfer.engine.SourceTree;
import dev.netlab.filetransfer.protocol.Handshake;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.PeerConnection;
import dev.netlab.filetransfer.protocol.RemoteRefusalException;
import dev.netlab.filetransfer.store.OnExists;
import dev.netlab.filetransfer.store.ReceiveStore;
import dev.netlab.filetransfer.stripe.StreamPlanner;
import dev.netlab.filetransfer.stripe.StripeAssembler;
import dev.netlab.filetransfer.stripe.StripeMerger;
import dev.netlab.filetransfer.transport.ConnectionWatchdog;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client: connects (socket, connect, handshake), runs one request, closes. {@link #send}
 * uploads files and trees, {@link #get} downloads into a local directory with the same checks
 * and atomic renames, {@link #list} lists a remote directory.
 */
public final class FileClient {

    private final ClientOptions options;

    public FileClient(ClientOptions options) {
        this.options = options;
    }

    /**
     * Sends files and directory trees.
     *
     * @param remoteDirectory sub-directory on the server to put them in ("" for its root)
     */
    public TransferSummary send(List<Path> paths, String remoteDirectory, TransferProgress progress)
            throws IOException, InterruptedException {
        String prefix = remoteDirectory == null || remoteDirectory.isEmpty() ? ""
                : remoteDirectory.replaceAll("/+$", "") + "/";
        List<SourceFile> files = new ArrayList<>();
        for (Path path : paths) {
            files.addAll(SourceTree.collect(path, prefix, true));
        }
        progress.started(files.stream().mapToLong(SourceFile::size).sum(), files.size());
        long start = System.nanoTime();
        List<List<SourceFile>> lanes = StreamPlanner.spread(files, options.streams(), options.chunkSize());
        UploadLanes uploads = new UploadLanes(this, lanes, progress);
        List<FileOutcome> outcomes = StripeMerger.merge(uploads.run());
        return summary(outcomes, uploads.bytesSent(), start, uploads.filesSentAgain());
    }

    /** One connection's share of an upload; called by {@link UploadLanes}, on its own thread per lane. */
    List<FileOutcome> sendOn(List<SourceFile> files, SenderEvents events) throws IOException, InterruptedException {
        try (ConnectionWatchdog watchdog = watchdog(); PeerConnection connection = connect(watchdog)) {
            connection.flushBeforeRead(false);
            ReplyReader replies = new ReplyReader(connection.reader(), "ft-replies");
            try {
                FileSender sender = new FileSender(replies, connection.writer(), connection::flush,
                        new FileSender.Options(options.chunkSize(), options.algorithm()), events);
                return sender.send(files);
            } finally {
                connection.close();
                replies.close();
            }
        }
    }

    /** Downloads remote files or trees into {@code outDirectory}, each verified, then renamed into place. */
    public TransferSummary get(List<String> remotePaths, Path outDirectory, TransferProgress progress)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        AtomicLong received = new AtomicLong();
        AtomicInteger sentAgain = new AtomicInteger();
        List<FileOutcome> outcomes = new ArrayList<>();
        ReceiveStore store = new ReceiveStore(outDirectory, OnExists.RENAME, false);
        ReceiverEvents events = new ReceiverEvents() {
            @Override
            public void chunkStored(int bytes) {
                received.addAndGet(bytes);
                progress.advanced(bytes);
            }

            @Override
            public void fileFinished(FileOutcome outcome) {
                outcomes.add(outcome);
                progress.fileFinished(outcome);
            }

            @Override
            public void sourceRestarted(String path) {
                sentAgain.incrementAndGet();
            }
        };
        progress.started(0, 0);
        try (ConnectionWatchdog watchdog = watchdog(); PeerConnection connection = connect(watchdog);
             FileReceiver receiver = new FileReceiver(store, connection.writer(), FileReceiver.Limits.NONE, events,
                     StripeAssembler.NOT_SERVED)) {
            for (String remote : remotePaths) {
                connection.writer().get(options.chunkSize(), options.algorithm(), remote);
                receiveUntilDone(connection, receiver);
            }
        }
        return summary(outcomes, received.get(), start, sentAgain.get());
    }

    private static void receiveUntilDone(PeerConnection connection, FileReceiver receiver) throws IOException {
        while (true) {
            Message message = connection.reader().next();
            if (message == null) {
                throw new EOFException("server closed the connection during a download");
            } else if (message instanceof Message.Chunk chunk) {
                receiver.onChunk(chunk);
            } else if (message instanceof Message.Offer offer) {
                receiver.onOffer(offer);
            } else if (message instanceof Message.End end) {
                receiver.onEnd(end);
            } else if (message instanceof Message.Done) {
                return;
            } else if (message instanceof Message.ErrorMessage error) {
                throw new RemoteRefusalException(error.code(), "server refused: " + error.text());
            } else {
                throw new ProtocolViolationException("unexpected " + message.getClass().getSimpleName() + " in a download");
            }
        }
    }

    /** Lists a remote directory (or a single file). */
    public List<Message.ListingEntry> list(String remotePath) throws IOException {
        List<Message.ListingEntry> entries = new ArrayList<>();
        try (ConnectionWatchdog watchdog = watchdog(); PeerConnection connection = connect(watchdog)) {
            connection.writer().list(remotePath);
            while (true) {
                Message message = connection.reader().next();
                if (message instanceof Message.Listing listing) {
                    entries.addAll(listing.entries());
                    if (!listing.more()) {
                        return entries;
                    }
                } else if (message instanceof Message.ErrorMessage error) {
                    throw new RemoteRefusalException(error.code(), "server refused: " + error.text());
                } else if (message == null) {
                    throw new EOFException("server closed the connection before listing");
                } else {
                    throw new ProtocolViolationException("unexpected " + message.getClass().getSimpleName() + " in a listing");
                }
            }
        }
    }

    private ConnectionWatchdog watchdog() {
        return new ConnectionWatchdog(ConnectionWatchdog.checkIntervalFor(options.readTimeout()));
    }

    /**
     * socket(), connect(), then the transport and the handshake, tried again while the server drops
     * us early ({@link EarlyDropRetry}), all within the connect timeout. The caller closes it.
     */
    private PeerConnection connect(ConnectionWatchdog watchdog) throws IOException {
        return EarlyDropRetry.connect(options.host() + ":" + options.port(), options.connectTimeout(),
                timeLeft -> connectOnce(watchdog, timeLeft));
    }

    private PeerConnection connectOnce(ConnectionWatchdog watchdog, Duration connectTimeout) throws IOException {
        SocketChannel socket = SocketChannel.open();
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            socket.socket().connect(new InetSocketAddress(options.host(), options.port()),
                    (int) Math.max(1, connectTimeout.toMillis()));
            PeerConnection connection = new PeerConnection(
                    options.transport().clientSide(socket, options.host(), options.port()),
                    options.host() + ":" + options.port(), options.readTimeout());
            watchdog.watch(connection.activity(), () -> {
                socket.close(); // first: then a TLS close_notify cannot block the watchdog on a stalled peer
                connection.close();
            });
            try {
                Handshake.asClient(connection, options.token());
            } catch (IOException | RuntimeException e) {
                watchdog.forget(connection.activity());
                throw e;
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static TransferSummary summary(List<FileOutcome> outcomes, long bytes, long startNanos, int filesSentAgain) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long resumed = outcomes.stream().mapToLong(FileOutcome::resumedBytes).sum();
        int retransmitted = outcomes.stream().mapToInt(FileOutcome::chunksRetransmitted).sum();
        return new TransferSummary(List.copyOf(outcomes), bytes, seconds, resumed, retransmitted, filesSentAgain);
    }

    static InterruptedIOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException("interrupted");
        io.initCause(e);
        return io;
    }
}
