package dev.netlab.livestream.rtp;

import dev.netlab.livestream.media.AudioFormat;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The SDP (RFC 8866) description of the plain RTP that {@code rtp} and {@code play --forward}
 * send to {@code destination}: L16 audio on the destination's port and, with video, RTP/JPEG
 * (payload type 26, 90 kHz) on the port two above it (RTP's even-port convention leaves the
 * odd one between for RTCP). It is what ffplay, VLC or GStreamer need to receive the streams:
 * they listen on the ports named in the m= lines.
 */
public final class SdpWriter {

    /** The video stream goes this many ports above the audio's (audio RTP, audio RTCP, video RTP). */
    public static final int VIDEO_PORT_OFFSET = 2;
    /** The static payload type of RTP/JPEG (RFC 3551). */
    static final int JPEG_PAYLOAD_TYPE = 26;

    private SdpWriter() {
    }

    /** Audio only. */
    public static String describe(InetSocketAddress destination, AudioFormat format, int payloadType, double ptimeMillis) {
        return describe(destination, format, payloadType, ptimeMillis, 0);
    }

    /** Audio, and RTP/JPEG video at {@code fps} when {@code fps > 0}. */
    public static String describe(InetSocketAddress destination, AudioFormat format, int payloadType, double ptimeMillis,
                                  double fps) {
        String family = destination.getAddress() instanceof Inet6Address ? "IP6" : "IP4";
        String host = destination.getAddress().getHostAddress();
        String sdp = "v=0\r\n"
                + "o=- 0 0 IN " + family + " " + host + "\r\n"
                + "s=netlab livestream\r\n"
                + "c=IN " + family + " " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + destination.getPort() + " RTP/AVP " + payloadType + "\r\n"
                + "a=rtpmap:" + payloadType + " L16/" + format.sampleRate() + "/" + format.channels() + "\r\n"
                + String.format(Locale.ROOT, "a=ptime:%s\r\n", trim(ptimeMillis));
        if (fps > 0) {
            sdp += "m=video " + videoPort(destination) + " RTP/AVP " + JPEG_PAYLOAD_TYPE + "\r\n"
                    + "a=rtpmap:" + JPEG_PAYLOAD_TYPE + " JPEG/90000\r\n"
                    + "a=framerate:" + trim(fps) + "\r\n";
        }
        return sdp;
    }

    /** The port video goes to beside audio on {@code destination}. */
    public static int videoPort(InetSocketAddress destination) {
        return destination.getPort() + VIDEO_PORT_OFFSET;
    }

    /** Writes {@code sdp} to {@code file} through a temporary sibling, so a player never reads half of it. */
    public static void write(Path file, String sdp) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + System.nanoTime() + ".part");
        try {
            Files.writeString(temp, sdp, StandardCharsets.US_ASCII);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
