package dev.netlab.filetransfer.engine;

import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.MessageReader;
import dev.netlab.filetransfer.protocol.RemoteRefusalException;
import dev.netlab.filetransfer.protocol.TransferProtocol;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads the receiver's replies (PLAN, NACK, RESULT) on its own thread while the sending thread
 * writes, and hands them over through a queue, so neither side of a pipelined connection can
 * block the other. It stops by itself after the last final RESULT, leaving the connection to
 * its owner; if the connection fails first, it hands over the failure. The owning
 * {@link FileSender} starts it; {@link #close()} waits for it after the connection is closed.
 */
public final class ReplyReader implements AutoCloseable {

    /**
     * Replies one file can cause: two PLANs (digest first), its NACKs and its RESULT. With
     * files in flight capped, the queue can never fill, so the reader thread never blocks on it.
     */
    public static final int QUEUE_CAPACITY = TransferProtocol.MAX_FILES_IN_FLIGHT * (TransferProtocol.MAX_CHUNK_RETRIES + 4);

    /** A reply, or the reason no more will come. */
    public record Reply(Message message, IOException failure) {
    }

    private final MessageReader reader;
    private final String name;
    private final BlockingQueue<Reply> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private Thread thread;

    public ReplyReader(MessageReader reader, String name) {
        this.reader = reader;
        this.name = name;
    }

    void start(int expectedResults) {
        thread = new Thread(() -> run(expectedResults), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(int expectedResults) {
        int finals = 0;
        try {
            while (finals < expectedResults) {
                Message message = reader.next();
                if (message == null) {
                    throw new EOFException("peer closed the connection with " + (expectedResults - finals)
                            + " files unanswered");
                }
                if (message instanceof Message.ErrorMessage error) {
                    throw new RemoteRefusalException(error.code(), error.text());
                }
                if (message instanceof Message.Result result && result.status().isFinal()) {
                    finals++;
                }
                queue.put(new Reply(message, null));
            }
        } catch (IOException e) {
            queue.offer(new Reply(null, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Reply poll() {
        return queue.poll();
    }

    Reply take() throws InterruptedException {
        return queue.take();
    }

    /** Waits for the thread; call after the connection is closed or the last result arrived. */
    @Override
    public void close() throws InterruptedException {
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
    }
}
