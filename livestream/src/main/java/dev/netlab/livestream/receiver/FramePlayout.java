package dev.netlab.livestream.receiver;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reassembles frames from their fragments and shows them in order. A frame still missing a
 * fragment at its playout time is dropped and the last complete frame is shown again, counted
 * frozen. Fragments are held for at most {@link #MAX_PENDING_FRAMES} frames ahead. Not
 * thread-safe.
 */
public final class FramePlayout {

    /** Frames being assembled at once: 64 frames is 2.5 s at 25 fps, beyond any playout delay. */
    public static final int MAX_PENDING_FRAMES = 64;

    private static final class Assembly {
        final byte[][] fragments;
        int have;

        Assembly(int count) {
            fragments = new byte[count][];
        }

        boolean complete() {
            return have == fragments.length;
        }

        byte[] join() {
            int length = 0;
            for (byte[] f : fragments) {
                length += f.length;
            }
            byte[] out = new byte[length];
            int at = 0;
            for (byte[] f : fragments) {
                System.arraycopy(f, 0, out, at, f.length);
                at += f.length;
            }
            return out;
        }
    }

    private long endFrame;
    private final TreeMap<Long, Assembly> pending = new TreeMap<>();
    private long next;
    private byte[] lastShown;
    private long complete;
    private long frozen;
    private long late;
    private long duplicate;
    private long invalid;

    public FramePlayout(long firstFrame, long endFrame) {
        this.next = firstFrame;
        this.endFrame = endFrame;
    }

    public Offer offer(long frameNumber, int index, int count, byte[] data) {
        if (frameNumber < next) {
            late++;
            return Offer.LATE;
        }
        if (frameNumber >= endFrame || frameNumber >= next + MAX_PENDING_FRAMES) {
            return Offer.OUT_OF_WINDOW;
        }
        Assembly a = pending.computeIfAbsent(frameNumber, n -> new Assembly(count));
        if (a.fragments.length != count) {
            invalid++;
            return Offer.INVALID;
        }
        if (a.fragments[index] != null) {
            duplicate++;
            return Offer.DUPLICATE;
        }
        a.fragments[index] = data;
        a.have++;
        return Offer.ACCEPTED;
    }

    public long nextToPlay() {
        return next;
    }

    public boolean finished() {
        return next >= endFrame;
    }

    /** Ends the frames before {@code frameNumber} (a live source's length became known). */
    public void endAt(long frameNumber) {
        endFrame = Math.max(next, Math.min(endFrame, frameNumber));
    }

    /** Shows the next frame, or holds the previous one; returns true if the frame was complete. */
    public boolean playNext(FrameSink sink) throws IOException {
        Assembly a = pending.remove(next);
        boolean ok = a != null && a.complete();
        if (ok) {
            lastShown = a.join();
            complete++;
        } else {
            frozen++;
        }
        if (lastShown != null) {
            sink.show(next, lastShown, !ok);
        }
        next++;
        Map<Long, Assembly> stale = pending.headMap(next);
        stale.clear();
        return ok;
    }

    public long complete() {
        return complete;
    }

    public long frozen() {
        return frozen;
    }

    public long late() {
        return late;
    }

    public long duplicate() {
        return duplicate;
    }

    public long invalid() {
        return invalid;
    }
}
