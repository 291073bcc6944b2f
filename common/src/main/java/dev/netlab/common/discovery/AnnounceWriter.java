package dev.netlab.common.discovery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Encodes ANNOUNCE and QUERY datagrams ({@link AnnounceFormat}). Stateless and thread-safe. */
public final class AnnounceWriter {

    private AnnounceWriter() {
    }

    /** @throws IllegalArgumentException when a field breaks the format, e.g. a name over 64 bytes */
    public static byte[] announce(Announcement a) {
        byte[] tool = AnnounceReader.checkTool(a.tool(), 1);
        byte[] version = ascii(a.toolVersion(), AnnounceFormat.MAX_VERSION_BYTES, "tool version");
        byte[] name = a.name().getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > AnnounceFormat.MAX_NAME_BYTES || AnnounceReader.hasControl(a.name())) {
            throw new IllegalArgumentException("name '" + a.name() + "' must be 1.." + AnnounceFormat.MAX_NAME_BYTES
                    + " bytes of UTF-8 without control characters");
        }
        byte[] fingerprint = a.fingerprint();
        if (fingerprint.length != 0 && fingerprint.length != AnnounceFormat.FINGERPRINT_BYTES) {
            throw new IllegalArgumentException("fingerprint of " + fingerprint.length + " bytes, expected 0 or 32");
        }
        if (a.servicePort() < 1 || a.servicePort() > 0xFFFF) {
            throw new IllegalArgumentException("service port " + a.servicePort() + " outside 1..65535");
        }
        int rendezvous = a.rendezvousId().orElse(AnnounceFormat.NO_RENDEZVOUS_ID);
        if (a.rendezvousId().isPresent() && (rendezvous < 0 || rendezvous > AnnounceFormat.MAX_RENDEZVOUS_ID)) {
            throw new IllegalArgumentException("rendezvous id " + rendezvous + " outside 0.." + AnnounceFormat.MAX_RENDEZVOUS_ID);
        }
        ByteBuffer out = ByteBuffer.allocate(AnnounceFormat.FIXED_ANNOUNCE_LENGTH + fingerprint.length
                + 3 + tool.length + version.length + name.length);
        header(out, AnnounceFormat.KIND_ANNOUNCE);
        out.putLong(a.instanceId());
        out.put((byte) a.transport().wireValue());
        out.putShort((short) a.servicePort());
        out.putShort((short) rendezvous);
        out.put((byte) fingerprint.length).put(fingerprint);
        out.put((byte) tool.length).put(tool);
        out.put((byte) version.length).put(version);
        out.put((byte) name.length).put(name);
        return out.array();
    }

    /** @param tool the tool whose announcers should answer, or "" for all */
    public static byte[] query(String tool) {
        byte[] wanted = AnnounceReader.checkTool(tool, 0);
        ByteBuffer out = ByteBuffer.allocate(AnnounceFormat.HEADER_LENGTH + 1 + wanted.length);
        header(out, AnnounceFormat.KIND_QUERY);
        out.put((byte) wanted.length).put(wanted);
        return out.array();
    }

    private static void header(ByteBuffer out, int kind) {
        out.putInt(AnnounceFormat.MAGIC).put((byte) AnnounceFormat.VERSION).put((byte) kind);
    }

    private static byte[] ascii(String text, int max, String what) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length == 0 || bytes.length > max || !AnnounceReader.printableAscii(text)) {
            throw new IllegalArgumentException(what + " '" + text + "' must be 1.." + max + " printable ASCII bytes");
        }
        return bytes;
    }
}
