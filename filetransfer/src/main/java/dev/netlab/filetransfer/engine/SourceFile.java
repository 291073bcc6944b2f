package dev.netlab.filetransfer.engine;

import java.nio.file.Path;

/**
 * One thing to send: a regular file or an empty directory on local disk, and the relative
 * '/'-separated path it gets on the receiving side. A large file sent over several connections
 * appears once per connection, as stripe {@code stripeIndex} of {@code stripeCount}: chunk i
 * belongs to stripe i mod stripeCount.
 */
public record SourceFile(Path local, String wirePath, boolean directory, long size, long mtimeMillis,
                         int stripeIndex, int stripeCount) {

    public SourceFile(Path local, String wirePath, boolean directory, long size, long mtimeMillis) {
        this(local, wirePath, directory, size, mtimeMillis, 0, 1);
    }

    public SourceFile stripe(int index, int count) {
        return new SourceFile(local, wirePath, directory, size, mtimeMillis, index, count);
    }

    public boolean striped() {
        return stripeCount > 1;
    }
}
