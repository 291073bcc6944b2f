package dev.netlab.filetransfer.engine;

import java.nio.file.Path;

/**
 * One thing to send: a regular file or an empty directory on local disk, and the relative
 * '/'-separated path it gets on the receiving side.
 */
public record SourceFile(Path local, String wirePath, boolean directory, long size, long mtimeMillis) {
}
