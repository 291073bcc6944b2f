package dev.netlab.livestream.forward;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns any JPEG into one RTP/JPEG can carry: as it is when it already fits
 * ({@link BaselineJpeg}), otherwise decoded and re-encoded with ImageIO (whose encoder writes
 * baseline 4:2:0 with the standard Huffman tables). Images larger than 2040x2040, and files
 * ImageIO cannot decode, are refused with the reason. Stateless and thread-safe.
 */
public final class RtpJpegConverter {

    /** Quality of re-encoded frames: high, so re-encoding costs little beyond the first encode. */
    static final float REENCODE_QUALITY = 0.9f;

    private RtpJpegConverter() {
    }

    /** What travels for {@code jpeg}; {@code name} only appears in the refusal message. */
    public static BaselineJpeg convert(String name, byte[] jpeg) throws UnsupportedJpegException {
        try {
            return BaselineJpeg.parse(jpeg);
        } catch (UnsupportedJpegException asIs) {
            BufferedImage image = decode(name, jpeg, asIs);
            try {
                return BaselineJpeg.parse(encode(image));
            } catch (IOException e) {
                throw new UnsupportedJpegException(name + ": " + asIs.getMessage() + ", and re-encoding failed: " + e.getMessage());
            }
        }
    }

    /**
     * Decodes {@code jpeg} for re-encoding, after reading only its header for the size: a frame
     * claiming 60000x60000 pixels is refused by its header, not by running out of memory.
     */
    private static BufferedImage decode(String name, byte[] jpeg, UnsupportedJpegException asIs)
            throws UnsupportedJpegException {
        String cannot = name + ": " + asIs.getMessage() + ", and it cannot be decoded to re-encode it";
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnsupportedJpegException(cannot);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > RtpJpegFormat.MAX_SIDE || height > RtpJpegFormat.MAX_SIDE) {
                    throw new UnsupportedJpegException(name + " is " + width + "x" + height + ": RTP/JPEG carries at most "
                            + RtpJpegFormat.MAX_SIDE + "x" + RtpJpegFormat.MAX_SIDE);
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnsupportedJpegException refused) {
                throw refused;
            }
            throw new UnsupportedJpegException(cannot);
        }
    }

    /** Baseline 4:2:0 from any image: drawn into RGB first, so grey and CMYK sources get three components. */
    static byte[] encode(BufferedImage source) throws IOException {
        BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(REENCODE_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
