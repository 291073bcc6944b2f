package dev.netlab.livestream.media;

import java.io.IOException;

/**
 * Where a broadcast's media comes from: audio as 16-bit PCM and, optionally, JPEG frames. A
 * clip held in memory ({@link ClipSource}) can be read anywhere and again; a live source
 * (standard input, a file ffmpeg decodes while it is sent) is read once, in order, and learns
 * its own length only when it ends. The send loop reads it at each packet's time, so a live
 * source is paced by the media clock, or by its producer when that is slower. Only the
 * broadcast thread reads; {@link #close} may come from any thread and ends a blocked read.
 */
public interface MediaSource extends AutoCloseable {

    AudioFormat format();

    /** Sample frames in one pass, or {@link Timeline#UNKNOWN_LENGTH} for a live source. */
    long audioFrames();

    /** Whether there are frames at all. */
    boolean hasVideo();

    /** Frames in one pass of a clip; unused for a live source. */
    long videoFrames();

    /** True if the media can be read again from the start (what {@code --loop} needs). */
    boolean rewindable();

    /**
     * The PCM (little-endian, interleaved) of sample frames [from, from + count) of one pass.
     * A live source is read in order and returns fewer frames only where its input ends (then
     * every later call returns none); it never returns a partial sample frame.
     */
    byte[] audio(long from, int count);

    /** The JPEG of frame {@code index} of one pass, or null where a live source's video ended. */
    byte[] frame(long index);

    /**
     * One line saying why a live source ended before its input did (a decoder failure, a
     * partial sample at the end of input), or null when it ended normally or has not ended.
     */
    String problem();

    @Override
    void close() throws IOException;
}
