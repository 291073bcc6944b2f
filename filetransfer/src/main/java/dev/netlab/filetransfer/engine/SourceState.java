package dev.netlab.filetransfer.engine;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What one stat(2) says about a source file: size, modification time, change time (where the
 * platform has a "unix" attribute view; a write moves it even when the writer resets the mtime)
 * and the file's identity (device and inode: an editor's save-by-rename makes a new file). Read
 * before and after a file is read; any difference means the bytes read may be torn. A change time
 * of 0 means not read ({@link #basic}) and is not compared. Equal states
 * cannot rule out a write within the file system's timestamp granularity that keeps the size,
 * which is why the receiver's whole-file digest and the sender's digest are still compared.
 */
record SourceState(long size, long mtimeNanos, long ctimeNanos, Object fileKey) {

    /** The source does not exist (any more). */
    static final SourceState GONE = new SourceState(-1, 0, 0, null);

    private static final boolean UNIX_VIEW = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    /** Everything, change time included: for files read over many system calls. */
    static SourceState of(Path file) throws IOException {
        return read(file, UNIX_VIEW);
    }

    /**
     * Size, mtime and identity without the change time: for a small file read in one system call,
     * where a writer that also resets the mtime within those microseconds is not worth the cost of
     * the "unix" attribute map (measured: 10,000 files of 1 KiB cost a fresh client JVM 0.6-1.2
     * CPU-seconds more with it, 2 stats per file).
     */
    static SourceState basic(Path file) throws IOException {
        return read(file, false);
    }

    private static SourceState read(Path file, boolean withCtime) throws IOException {
        try {
            if (withCtime) {
                Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,fileKey");
                return new SourceState((Long) a.get("size"), nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")),
                        a.get("fileKey"));
            }
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, new LinkOption[0]);
            return new SourceState(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), 0, a.fileKey());
        } catch (NoSuchFileException e) {
            return GONE;
        }
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }

    boolean gone() {
        return size < 0;
    }

    long mtimeMillis() {
        return TimeUnit.NANOSECONDS.toMillis(mtimeNanos);
    }

    /** The same file, unchanged as far as stat can tell. */
    boolean same(SourceState other) {
        return size == other.size && mtimeNanos == other.mtimeNanos
                && (ctimeNanos == 0 || other.ctimeNanos == 0 || ctimeNanos == other.ctimeNanos)
                && Objects.equals(fileKey, other.fileKey);
    }
}
