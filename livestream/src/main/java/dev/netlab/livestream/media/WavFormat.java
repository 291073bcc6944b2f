package dev.netlab.livestream.media;

/**
 * The RIFF/WAVE layout livestream reads and writes. Every field is little-endian.
 *
 * <pre>
 * offset size field
 *  0      4   "RIFF"
 *  4      4   RIFF size = file length - 8
 *  8      4   "WAVE"
 * then chunks, each: 4-byte id, 4-byte size, size bytes, one pad byte if size is odd
 *   "fmt " (16, 18 or 40 bytes):
 *      0  2  format tag: 1 = PCM, 0xFFFE = WAVE_FORMAT_EXTENSIBLE
 *      2  2  channels
 *      4  4  sample rate
 *      8  4  byte rate = rate * block align
 *     12  2  block align = channels * bits / 8
 *     14  2  bits per sample
 *     (extensible: 16 cbSize, 18 valid bits, 20 channel mask, 24 sub-format GUID whose first
 *      two bytes are the real format tag)
 *   "data": the interleaved samples
 * </pre>
 *
 * <p>The writer emits the canonical 44-byte header: RIFF, WAVE, a 16-byte PCM "fmt " chunk
 * and the "data" chunk.
 */
public final class WavFormat {

    public static final int RIFF_ID_OFFSET = 0;
    public static final int RIFF_SIZE_OFFSET = RIFF_ID_OFFSET + 4;
    public static final int WAVE_ID_OFFSET = RIFF_SIZE_OFFSET + 4;
    public static final int FIRST_CHUNK_OFFSET = WAVE_ID_OFFSET + 4;
    public static final int CHUNK_HEADER_LENGTH = 8;

    public static final int FORMAT_PCM = 1;
    public static final int FORMAT_EXTENSIBLE = 0xFFFE;
    public static final int PCM_FMT_CHUNK_LENGTH = 16;
    public static final int EXTENSIBLE_SUBFORMAT_OFFSET = 24;
    public static final int BITS_PER_SAMPLE = 16;

    /** Header length of the files this module writes: RIFF header, fmt chunk, data chunk header. */
    public static final int CANONICAL_HEADER_LENGTH =
            FIRST_CHUNK_OFFSET + CHUNK_HEADER_LENGTH + PCM_FMT_CHUNK_LENGTH + CHUNK_HEADER_LENGTH;

    /**
     * Largest WAV accepted: the whole clip is held in memory for packetising and for the
     * SNR comparison, and 512 MiB is over 45 minutes of 48 kHz stereo.
     */
    public static final long MAX_FILE_LENGTH = 512L * 1024 * 1024;

    private WavFormat() {
    }
}
