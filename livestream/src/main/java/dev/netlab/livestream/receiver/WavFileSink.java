package dev.netlab.livestream.receiver;

import dev.netlab.livestream.media.AudioFormat;
import dev.netlab.livestream.media.WavFormat;
import dev.netlab.livestream.media.WavWriter;
import dev.netlab.livestream.rtp.Packet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Streams played audio into a WAV file: samples go to a hidden temporary sibling as they are
 * played; {@link #commit} fills in the header's lengths and renames it into place, and
 * {@link #close} without a commit deletes it, so the final name never holds half a file.
 * Not thread-safe.
 */
public final class WavFileSink implements AudioSink, AutoCloseable {

    private final Path target;
    private final Path temp;
    private final AudioFormat format;
    private final FileChannel channel;
    private long dataLength;
    private boolean committed;

    public WavFileSink(Path target, AudioFormat format) throws IOException {
        this.target = target;
        this.format = format;
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        this.temp = parent.resolve("." + target.getFileName() + "." + System.nanoTime() + ".part");
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        channel.write(ByteBuffer.wrap(WavWriter.header(format, 0)));
    }

    /**
     * The WAV of a session's played audio. A late joiner's file still lines up with the source
     * (when it does not loop): it starts with silence up to the join.
     */
    static WavFileSink forSession(Path target, Packet.SessionInfo info) throws IOException {
        WavFileSink wav = new WavFileSink(target, SessionPlayout.timelineOf(info).format());
        if (!info.loop() && info.audioStartPacket() > 0) {
            wav.writeSilence(info.audioStartPacket() * info.samplesPerPacket());
        }
        return wav;
    }

    @Override
    public void write(byte[] pcm) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(pcm);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        dataLength += pcm.length;
    }

    /** Silence for {@code frames} sample frames (the part of the clip before a late join). */
    public void writeSilence(long frames) throws IOException {
        byte[] zeros = new byte[64 * format.bytesPerFrame()];
        long left = frames;
        while (left > 0) {
            int n = (int) Math.min(left, 64);
            write(n == 64 ? zeros : new byte[n * format.bytesPerFrame()]);
            left -= n;
        }
    }

    public long framesWritten() {
        return dataLength / format.bytesPerFrame();
    }

    /** Finishes the header and moves the file to its final name. */
    public void commit() throws IOException {
        if (dataLength > Integer.MAX_VALUE - WavFormat.CANONICAL_HEADER_LENGTH) {
            throw new IOException("output audio of " + dataLength + " bytes is too long for a WAV file");
        }
        channel.write(ByteBuffer.wrap(WavWriter.header(format, (int) dataLength)), 0);
        channel.force(true);
        channel.close();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (!committed) {
            Files.deleteIfExists(temp);
        }
    }
}
