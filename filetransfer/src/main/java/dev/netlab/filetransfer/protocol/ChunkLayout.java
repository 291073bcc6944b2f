package dev.netlab.filetransfer.protocol;

/** How a file of a given size is cut into chunks: count, offsets and lengths. Immutable. */
public record ChunkLayout(long size, int chunkSize) {

    public ChunkLayout {
        if (size < 0 || chunkSize <= 0) {
            throw new IllegalArgumentException("size " + size + ", chunk size " + chunkSize);
        }
    }

    /**
     * The requested chunk size, doubled as often as needed to keep the file within
     * {@link TransferProtocol#MAX_CHUNKS_PER_FILE} chunks.
     */
    public static ChunkLayout of(long size, int requestedChunkSize) {
        long chunk = requestedChunkSize;
        while (chunk < TransferProtocol.MAX_CHUNK_SIZE && (size + chunk - 1) / chunk > TransferProtocol.MAX_CHUNKS_PER_FILE) {
            chunk *= 2;
        }
        return new ChunkLayout(size, (int) Math.min(chunk, TransferProtocol.MAX_CHUNK_SIZE));
    }

    public long chunkCountLong() {
        return (size + chunkSize - 1) / chunkSize;
    }

    public int chunkCount() {
        return (int) chunkCountLong();
    }

    public long offset(int index) {
        return (long) index * chunkSize;
    }

    public int length(int index) {
        return (int) Math.min(chunkSize, size - offset(index));
    }

    /** True when the whole file fits in one chunk (or is empty) and can travel eagerly. */
    public boolean singleChunk() {
        return size <= chunkSize;
    }
}
