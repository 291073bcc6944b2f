package dev.netlab.livestream.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The video frames of a stream: the JPEG files of one directory, in file-name order, each
 * held as its encoded bytes (livestream never decodes them; it moves them). Immutable.
 */
public final class FrameSequence {

    /**
     * Largest encoded frame accepted: about 900 fragments of one datagram each, far above a
     * 320x240 JPEG (10-20 KiB) and small enough that one frame cannot swamp the send schedule.
     */
    public static final int MAX_FRAME_BYTES = 1024 * 1024;
    /** Most frames loaded from one directory: over an hour at 25 fps. */
    public static final int MAX_FRAMES = 100_000;

    private final List<byte[]> frames;

    public FrameSequence(List<byte[]> frames) {
        this.frames = List.copyOf(frames);
    }

    /** Loads every {@code *.jpg} / {@code *.jpeg} in {@code dir}, sorted by name. */
    public static FrameSequence load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("frames directory " + dir + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(FrameSequence::isJpeg).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("frames directory " + dir + " holds no .jpg files");
        }
        if (files.size() > MAX_FRAMES) {
            throw new IOException("frames directory " + dir + " holds " + files.size()
                    + " frames > max " + MAX_FRAMES);
        }
        List<byte[]> frames = new ArrayList<>(files.size());
        for (Path file : files) {
            long size = Files.size(file);
            if (size == 0) {
                throw new IOException("frame " + file + " is empty");
            }
            if (size > MAX_FRAME_BYTES) {
                throw new IOException("frame " + file + " is " + size + " bytes > max " + MAX_FRAME_BYTES);
            }
            frames.add(Files.readAllBytes(file));
        }
        return new FrameSequence(frames);
    }

    private static boolean isJpeg(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    public int size() {
        return frames.size();
    }

    /** The encoded bytes of frame {@code index} (not copied: callers must not modify them). */
    public byte[] frame(int index) {
        return frames.get(index);
    }

    /** The file name the receiver and the generator give frame {@code number}. */
    public static String fileName(long number) {
        return String.format(Locale.ROOT, "frame-%05d.jpg", number);
    }
}
