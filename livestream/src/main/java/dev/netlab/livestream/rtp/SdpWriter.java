package dev.netlab.livestream.rtp;

import dev.netlab.livestream.media.AudioFormat;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * The SDP (RFC 8866) description of an L16 RTP stream sent to {@code destination}: what ffplay,
 * VLC or GStreamer need to receive it (they listen on the port named in the m= line).
 */
public final class SdpWriter {

    private SdpWriter() {
    }

    public static String describe(InetSocketAddress destination, AudioFormat format, int payloadType, double ptimeMillis) {
        String family = destination.getAddress() instanceof Inet6Address ? "IP6" : "IP4";
        String host = destination.getAddress().getHostAddress();
        return "v=0\r\n"
                + "o=- 0 0 IN " + family + " " + host + "\r\n"
                + "s=netlab livestream\r\n"
                + "c=IN " + family + " " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + destination.getPort() + " RTP/AVP " + payloadType + "\r\n"
                + "a=rtpmap:" + payloadType + " L16/" + format.sampleRate() + "/" + format.channels() + "\r\n"
                + String.format(Locale.ROOT, "a=ptime:%s\r\n", trim(ptimeMillis));
    }

    private static String trim(double millis) {
        return millis == Math.rint(millis) ? Long.toString((long) millis) : String.format(Locale.ROOT, "%.3f", millis);
    }
}
