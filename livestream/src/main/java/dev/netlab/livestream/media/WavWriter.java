package dev.netlab.livestream.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes 16-bit PCM WAV files with the canonical 44-byte header. {@link #write} writes to a
 * temporary sibling and renames it into place, so a final name never holds half a file.
 */
public final class WavWriter {

    private WavWriter() {
    }

    public static void write(Path file, PcmAudio audio) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Not createTempFile: its 0600 mode would stick to the final file.
        Path temp = parent.resolve("." + file.getFileName() + "." + System.nanoTime() + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] data = audio.bytes();
                out.write(header(audio.format(), data.length));
                out.write(data);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The canonical header for {@code dataLength} bytes of samples. */
    public static byte[] header(AudioFormat format, int dataLength) {
        ByteBuffer b = ByteBuffer.allocate(WavFormat.CANONICAL_HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII));
        b.putInt(WavFormat.CANONICAL_HEADER_LENGTH - 8 + dataLength);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII));
        b.putInt(WavFormat.PCM_FMT_CHUNK_LENGTH);
        b.putShort((short) WavFormat.FORMAT_PCM);
        b.putShort((short) format.channels());
        b.putInt(format.sampleRate());
        b.putInt(format.sampleRate() * format.bytesPerFrame());
        b.putShort((short) format.bytesPerFrame());
        b.putShort((short) WavFormat.BITS_PER_SAMPLE);
        b.put("data".getBytes(StandardCharsets.US_ASCII));
        b.putInt(dataLength);
        return b.array();
    }
}
