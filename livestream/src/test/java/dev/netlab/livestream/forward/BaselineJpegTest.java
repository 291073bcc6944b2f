package dev.netlab.livestream.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.livestream.media.SampleMediaGenerator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What RTP/JPEG can carry as it is, what is re-encoded, and what is refused. */
class BaselineJpegTest {

    @TempDir
    Path dir;

    private byte[] sampleFrame() throws Exception {
        Path file = dir.resolve("frame.jpg");
        SampleMediaGenerator.writeJpeg(SampleMediaGenerator.drawFrame(7), file);
        return Files.readAllBytes(file);
    }

    private static byte[] encode(BufferedImage image, boolean progressive) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theSampleFramesTravelAsTheyAreAsType1WithTheirTablesAndScan() throws Exception {
        byte[] jpeg = sampleFrame();

        BaselineJpeg parsed = BaselineJpeg.parse(jpeg);

        assertThat(parsed.type()).isEqualTo(RtpJpegFormat.TYPE_420);
        assertThat(parsed.width()).isEqualTo(320);
        assertThat(parsed.height()).isEqualTo(240);
        int sos = indexOf(jpeg, 0xDA);
        int sosLength = ((jpeg[sos + 2] & 0xFF) << 8) | (jpeg[sos + 3] & 0xFF);
        assertThat(parsed.scan()).isEqualTo(Arrays.copyOfRange(jpeg, sos + 2 + sosLength, jpeg.length - 2));
        int dqt = indexOf(jpeg, 0xDB);
        assertThat(Arrays.copyOf(parsed.quantTables(), 64)).isEqualTo(Arrays.copyOfRange(jpeg, dqt + 5, dqt + 5 + 64));
    }

    @Test
    void aProgressiveJpegIsRefusedAsItIsAndReencodedToBaseline() throws Exception {
        byte[] progressive = encode(SampleMediaGenerator.drawFrame(3), true);

        assertThatThrownBy(() -> BaselineJpeg.parse(progressive)).isInstanceOf(UnsupportedJpegException.class)
                .hasMessage("JPEG is not baseline (frame marker FFC2)");
        BaselineJpeg converted = RtpJpegConverter.convert("frame 3", progressive);
        assertThat(converted.width()).isEqualTo(320);
        assertThat(converted.type()).isEqualTo(RtpJpegFormat.TYPE_420);
    }

    @Test
    void aGreyJpegIsReencodedWithThreeComponents() throws Exception {
        byte[] grey = encode(new BufferedImage(64, 32, BufferedImage.TYPE_BYTE_GRAY), false);

        assertThatThrownBy(() -> BaselineJpeg.parse(grey)).hasMessage("JPEG has 1 colour component(s), not 3 (YCbCr)");
        assertThat(RtpJpegConverter.convert("grey", grey).height()).isEqualTo(32);
    }

    @Test
    void ownHuffmanTablesAreRefusedAsTheyAre() throws Exception {
        byte[] jpeg = sampleFrame();
        int dht = indexOf(jpeg, 0xC4);
        jpeg[dht + 21] ^= 0x05; // the first symbol of the first table: same shape, other codes

        assertThatThrownBy(() -> BaselineJpeg.parse(jpeg)).hasMessage("JPEG has its own Huffman tables, not the standard ones");
    }

    @Test
    void aFrameWiderThan2040IsRefusedWithItsSize() throws Exception {
        byte[] wide = encode(new BufferedImage(2048, 8, BufferedImage.TYPE_INT_RGB), false);

        assertThatThrownBy(() -> RtpJpegConverter.convert("frame 9", wide)).isInstanceOf(UnsupportedJpegException.class)
                .hasMessage("frame 9 is 2048x8: RTP/JPEG carries at most 2040x2040");
    }

    @Test
    void aFrameWhoseHeaderClaimsSixtyThousandPixelsSquareIsRefusedByItsHeaderNotDecoded() throws Exception {
        byte[] jpeg = encode(SampleMediaGenerator.drawFrame(1), true); // progressive, so the converter would decode it
        int sof = indexOf(jpeg, 0xC2);
        jpeg[sof + 5] = (byte) 0xEA; // height 60000
        jpeg[sof + 6] = (byte) 0x60;
        jpeg[sof + 7] = (byte) 0xEA; // width 60000
        jpeg[sof + 8] = (byte) 0x60;

        assertThatThrownBy(() -> RtpJpegConverter.convert("frame 5", jpeg)).isInstanceOf(UnsupportedJpegException.class)
                .hasMessage("frame 5 is 60000x60000: RTP/JPEG carries at most 2040x2040");
    }

    @Test
    void bytesThatAreNoImageAreRefusedWithOneReason() {
        assertThatThrownBy(() -> RtpJpegConverter.convert("frame 1", new byte[] {1, 2, 3}))
                .isInstanceOf(UnsupportedJpegException.class)
                .hasMessage("frame 1: not a JPEG (no SOI marker), and it cannot be decoded to re-encode it");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void cutOrCorruptedJpegsOnlyEverRaiseTheOneRefusal(long seed) throws Exception {
        byte[] jpeg = sampleFrame();
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            byte[] bad = Arrays.copyOf(jpeg, 2 + random.nextInt(jpeg.length));
            for (int flips = random.nextInt(4); flips > 0; flips--) {
                bad[random.nextInt(Math.min(bad.length, 700))] = (byte) random.nextInt(256);
            }
            try {
                BaselineJpeg.parse(bad);
            } catch (UnsupportedJpegException expected) {
                // the refusal is the one allowed outcome besides a parse (seed in the test name)
            }
        }
    }
}
