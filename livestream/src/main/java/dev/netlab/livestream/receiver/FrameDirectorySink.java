package dev.netlab.livestream.receiver;

import dev.netlab.livestream.media.FrameSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes each shown frame (held ones included) as {@code frame-NNNNN.jpg}, named by frame
 * number, through a temporary name so no frame file is ever half-written. Not thread-safe.
 */
public final class FrameDirectorySink implements FrameSink {

    private final Path dir;
    private long written;

    public FrameDirectorySink(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        warmUp();
    }

    /**
     * Writes, renames and deletes one hidden empty file the way {@link #show} writes frames: the
     * first time, that path loads its classes and took 27-36 ms, which stalled the first frame's
     * playout and all the audio due behind it.
     */
    private void warmUp() throws IOException {
        Path target = dir.resolve(".warm-up" + FrameSequence.fileName(0));
        Path temp = dir.resolve(target.getFileName() + ".part");
        Files.write(temp, new byte[0]);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(target);
    }

    @Override
    public void show(long frameNumber, byte[] jpeg, boolean held) throws IOException {
        Path target = dir.resolve(FrameSequence.fileName(frameNumber));
        Path temp = dir.resolve("." + target.getFileName() + ".part");
        Files.write(temp, jpeg);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        written++;
    }

    public long written() {
        return written;
    }
}
