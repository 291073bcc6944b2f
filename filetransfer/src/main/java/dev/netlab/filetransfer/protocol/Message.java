package dev.netlab.filetransfer.protocol;

import java.nio.ByteBuffer;
import java.util.List;

/** The decoded messages of {@link TransferProtocol}, one record per message type. */
public sealed interface Message {

    record Hello(int magic, int version) implements Message {
    }

    record Welcome(int version, boolean tokenRequired, byte[] nonce) implements Message {
    }

    record Auth(byte[] mac) implements Message {
    }

    record AuthOk() implements Message {
    }

    record ErrorMessage(ErrorCode code, String text) implements Message {
    }

    /**
     * A file (or, with {@code directory}, an empty directory) the sender wants to deliver.
     * {@code digest} is present only for eager offers, whose single chunk follows at once.
     */
    record Offer(int fileId, long size, long mtimeMillis, int chunkSize, int stripeIndex,
                 int stripeCount, DigestAlgorithm algorithm, byte[] digest, String path,
                 boolean eager, boolean directory) implements Message {
    }

    /** {@code held}: chunk runs the receiver already holds verified (resume). */
    record Plan(int fileId, PlanDecision decision, List<ChunkRun> held) implements Message {
    }

    record ChunkRun(int first, int count) {
    }

    /** {@code data} is a view valid only until the next read from the same reader. */
    record Chunk(int fileId, int index, int crc, ByteBuffer data) implements Message {
    }

    /**
     * @param changedAttempts 0 for a normal END; else the source changed while read and this is
     *                        how many times the sender has started the file (no digest then)
     * @param givingUp        the sender will not offer the file again; the receiver's RESULT is final
     * @param sourceGone      the source no longer exists
     */
    record End(int fileId, byte[] digest, int changedAttempts, boolean givingUp, boolean sourceGone) implements Message {

        public End(int fileId, byte[] digest) {
            this(fileId, digest, 0, false, false);
        }

        /** The sender abandoned this attempt because the source changed (or vanished) while it read it. */
        public boolean sourceChanged() {
            return changedAttempts > 0;
        }
    }

    record Nack(int fileId, int index) implements Message {
    }

    /**
     * A file's outcome. {@code storedAs} is the name a VERIFIED file was stored under when that
     * differs from the offered path, and empty otherwise; {@code text} says why a file was
     * SKIPPED, FAILED or is to RESTART_FROM_ZERO, and is empty otherwise.
     */
    record Result(int fileId, FileStatus status, ErrorCode code, long resumedBytes, byte[] digest,
                  String storedAs, String text) implements Message {
    }

    record Done(int fileCount) implements Message {
    }

    record ListRequest(String path) implements Message {
    }

    record Listing(List<ListingEntry> entries, boolean more) implements Message {
    }

    /** One name in a remote directory; {@code directory} false means a regular file. */
    record ListingEntry(boolean directory, long size, long mtimeMillis, String name) {
    }

    record GetRequest(int chunkSize, DigestAlgorithm algorithm, String path) implements Message {
    }
}
