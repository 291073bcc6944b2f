package dev.netlab.livestream.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a 16-bit PCM WAV file (mono or stereo, any rate) into a {@link PcmAudio}. Anything
 * else is refused with an {@link UnsupportedAudioException} whose message names the file and
 * what is wrong with it. Stateless and thread-safe.
 */
public final class WavReader {

    private WavReader() {
    }

    public static PcmAudio read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such audio file");
        }
        long size = Files.size(file);
        if (size > WavFormat.MAX_FILE_LENGTH) {
            throw new UnsupportedAudioException(file + ": " + size + " bytes > max "
                    + WavFormat.MAX_FILE_LENGTH);
        }
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** Parses a WAV held in memory; {@code name} is only used in error messages. */
    public static PcmAudio parse(String name, byte[] file) throws UnsupportedAudioException {
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < WavFormat.FIRST_CHUNK_OFFSET || !id(file, WavFormat.RIFF_ID_OFFSET).equals("RIFF")
                || !id(file, WavFormat.WAVE_ID_OFFSET).equals("WAVE")) {
            throw new UnsupportedAudioException(name + ": not a WAV file (no RIFF/WAVE header)");
        }
        AudioFormat format = null;
        int at = WavFormat.FIRST_CHUNK_OFFSET;
        while (at + WavFormat.CHUNK_HEADER_LENGTH <= file.length) {
            String chunk = id(file, at);
            long length = buf.getInt(at + 4) & 0xFFFFFFFFL;
            int body = at + WavFormat.CHUNK_HEADER_LENGTH;
            long available = file.length - body;
            if (chunk.equals("fmt ")) {
                if (length < WavFormat.PCM_FMT_CHUNK_LENGTH || length > available) {
                    throw new UnsupportedAudioException(name + ": fmt chunk of " + length + " bytes is malformed");
                }
                format = parseFormat(name, buf, body, (int) length);
            } else if (chunk.equals("data")) {
                if (format == null) {
                    throw new UnsupportedAudioException(name + ": data chunk before fmt chunk");
                }
                // Writers that stream sometimes leave the size at 0 or 0xFFFFFFFF: take what is there.
                long usable = length == 0 || length > available ? available : length;
                usable -= usable % format.bytesPerFrame();
                return new PcmAudio(format, Arrays.copyOfRange(file, body, body + (int) usable));
            }
            long next = body + length + (length & 1);
            if (next > file.length) {
                break;
            }
            at = (int) next;
        }
        throw new UnsupportedAudioException(name + ": no " + (format == null ? "fmt" : "data") + " chunk");
    }

    private static AudioFormat parseFormat(String name, ByteBuffer buf, int at, int length)
            throws UnsupportedAudioException {
        int tag = buf.getShort(at) & 0xFFFF;
        if (tag == WavFormat.FORMAT_EXTENSIBLE && length >= WavFormat.EXTENSIBLE_SUBFORMAT_OFFSET + 2) {
            tag = buf.getShort(at + WavFormat.EXTENSIBLE_SUBFORMAT_OFFSET) & 0xFFFF;
        }
        int channels = buf.getShort(at + 2) & 0xFFFF;
        int rate = buf.getInt(at + 4);
        int bits = buf.getShort(at + 14) & 0xFFFF;
        if (tag != WavFormat.FORMAT_PCM) {
            throw new UnsupportedAudioException(name + ": format tag " + tag
                    + " is not PCM (1); only 16-bit PCM WAV is supported");
        }
        if (bits != WavFormat.BITS_PER_SAMPLE) {
            throw new UnsupportedAudioException(name + ": " + bits
                    + "-bit samples; only 16-bit PCM WAV is supported");
        }
        if (channels != 1 && channels != 2) {
            throw new UnsupportedAudioException(name + ": " + channels
                    + " channels; only mono or stereo is supported");
        }
        if (rate < 1 || rate > AudioFormat.MAX_SAMPLE_RATE) {
            throw new UnsupportedAudioException(name + ": sample rate " + Integer.toUnsignedString(rate)
                    + " not in 1.." + AudioFormat.MAX_SAMPLE_RATE);
        }
        return new AudioFormat(rate, channels);
    }

    private static String id(byte[] file, int at) {
        return new String(file, at, 4, StandardCharsets.US_ASCII);
    }
}
