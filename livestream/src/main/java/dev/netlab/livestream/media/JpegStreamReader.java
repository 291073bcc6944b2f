package dev.netlab.livestream.media;

import static dev.netlab.livestream.media.JpegMarkers.EOI;
import static dev.netlab.livestream.media.JpegMarkers.RST0;
import static dev.netlab.livestream.media.JpegMarkers.RST7;
import static dev.netlab.livestream.media.JpegMarkers.SOI;
import static dev.netlab.livestream.media.JpegMarkers.SOS;
import static dev.netlab.livestream.media.JpegMarkers.TEM;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a stream of concatenated JPEG images (ffmpeg's {@code image2pipe}) into single images
 * by walking their markers: segments by their length fields, entropy-coded data up to the next
 * marker that is not a stuffed {@code FF00} or a restart marker, each image up to its EOI.
 * Each image is capped at {@link FrameSequence#MAX_FRAME_BYTES}. Not thread-safe.
 */
final class JpegStreamReader {

    private final InputStream in;
    private ByteArrayOutputStream image;

    JpegStreamReader(InputStream in) {
        this.in = in;
    }

    /** The next whole image, or null at the end of the stream (between images). */
    byte[] next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        image = new ByteArrayOutputStream(32 * 1024);
        put(first);
        if (first != 0xFF || take() != SOI) {
            throw new IOException("video stream is not JPEG images (no SOI marker)");
        }
        int marker = nextMarker();
        while (marker != EOI) {
            if (marker == SOI || marker == TEM || (marker >= RST0 && marker <= RST7)) {
                marker = nextMarker();
                continue;
            }
            int length = (take() << 8) | take();
            if (length < 2) {
                throw new IOException("JPEG segment length " + length + " < 2");
            }
            for (int i = 2; i < length; i++) {
                take();
            }
            marker = marker == SOS ? skipEntropyCodedData() : nextMarker();
        }
        return image.toByteArray();
    }

    private int nextMarker() throws IOException {
        if (take() != 0xFF) {
            throw new IOException("JPEG marker expected");
        }
        int m;
        while ((m = take()) == 0xFF) {
            // fill bytes before a marker
        }
        return m;
    }

    /** Reads scan data up to and including the next real marker; returns that marker. */
    private int skipEntropyCodedData() throws IOException {
        while (true) {
            if (take() != 0xFF) {
                continue;
            }
            int m;
            while ((m = take()) == 0xFF) {
                // fill
            }
            if (m != 0 && (m < RST0 || m > RST7)) {
                return m;
            }
        }
    }

    private int take() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("video stream ended inside a JPEG image");
        }
        put(b);
        return b;
    }

    private void put(int b) throws IOException {
        if (image.size() >= FrameSequence.MAX_FRAME_BYTES) {
            throw new IOException("JPEG image larger than " + FrameSequence.MAX_FRAME_BYTES + " bytes");
        }
        image.write(b);
    }
}
