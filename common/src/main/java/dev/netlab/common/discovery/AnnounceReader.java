package dev.netlab.common.discovery;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * Decodes one discovery datagram into a {@link Decoded} value, or refuses it with a
 * {@link MalformedAnnounceException} naming the broken rule. Every length is checked against its
 * cap before it is used; nothing is allocated beyond the datagram itself. Stateless and thread-safe.
 */
public final class AnnounceReader {

    /** What a well-formed datagram was. */
    public sealed interface Decoded permits Decoded.Announce, Decoded.Query {
        record Announce(Announcement announcement) implements Decoded {
        }

        /** @param tool the tool asked for, "" for any */
        record Query(String tool) implements Decoded {
        }
    }

    private AnnounceReader() {
    }

    public static Decoded read(byte[] data, int offset, int length) throws MalformedAnnounceException {
        if (length > AnnounceFormat.MAX_DATAGRAM) {
            throw new MalformedAnnounceException("datagram of " + length + " bytes > max " + AnnounceFormat.MAX_DATAGRAM);
        }
        ByteBuffer in = ByteBuffer.wrap(data, offset, length).slice();
        try {
            int magic = in.getInt();
            if (magic != AnnounceFormat.MAGIC) {
                throw new MalformedAnnounceException(String.format("magic 0x%08x, expected 0x%08x", magic, AnnounceFormat.MAGIC));
            }
            int version = Byte.toUnsignedInt(in.get());
            if (version != AnnounceFormat.VERSION) {
                throw new MalformedAnnounceException("version " + version + ", this side speaks " + AnnounceFormat.VERSION);
            }
            int kind = Byte.toUnsignedInt(in.get());
            Decoded decoded = switch (kind) {
                case AnnounceFormat.KIND_ANNOUNCE -> new Decoded.Announce(announce(in));
                case AnnounceFormat.KIND_QUERY -> new Decoded.Query(tool(in, 0));
                default -> throw new MalformedAnnounceException("kind " + kind + " is neither 1 (ANNOUNCE) nor 2 (QUERY)");
            };
            if (in.hasRemaining()) {
                throw new MalformedAnnounceException(in.remaining() + " bytes after the last field");
            }
            return decoded;
        } catch (BufferUnderflowException e) {
            throw new MalformedAnnounceException("datagram of " + length + " bytes ends inside a field");
        }
    }

    private static Announcement announce(ByteBuffer in) throws MalformedAnnounceException {
        long instance = in.getLong();
        Announcement.ServiceTransport transport = Announcement.ServiceTransport.fromWire(Byte.toUnsignedInt(in.get()));
        int port = Short.toUnsignedInt(in.getShort());
        if (port == 0) {
            throw new MalformedAnnounceException("service port 0");
        }
        int rendezvous = Short.toUnsignedInt(in.getShort());
        OptionalInt rendezvousId;
        if (rendezvous == AnnounceFormat.NO_RENDEZVOUS_ID) {
            rendezvousId = OptionalInt.empty();
        } else if (rendezvous > AnnounceFormat.MAX_RENDEZVOUS_ID) {
            throw new MalformedAnnounceException("rendezvous id " + rendezvous + " > max " + AnnounceFormat.MAX_RENDEZVOUS_ID);
        } else {
            rendezvousId = OptionalInt.of(rendezvous);
        }
        int fingerprintLength = Byte.toUnsignedInt(in.get());
        if (fingerprintLength != 0 && fingerprintLength != AnnounceFormat.FINGERPRINT_BYTES) {
            throw new MalformedAnnounceException("fingerprint length " + fingerprintLength + ", expected 0 or "
                    + AnnounceFormat.FINGERPRINT_BYTES);
        }
        byte[] fingerprint = new byte[fingerprintLength];
        in.get(fingerprint);
        String tool = tool(in, 1);
        String version = string(in, AnnounceFormat.MAX_VERSION_BYTES, "tool version");
        if (!printableAscii(version)) {
            throw new MalformedAnnounceException("tool version is not printable ASCII");
        }
        String name = string(in, AnnounceFormat.MAX_NAME_BYTES, "name");
        if (hasControl(name)) {
            throw new MalformedAnnounceException("name holds a control character");
        }
        return new Announcement(instance, tool, version, name, transport, port, rendezvousId, fingerprint);
    }

    private static String tool(ByteBuffer in, int minLength) throws MalformedAnnounceException {
        String tool = string(in, AnnounceFormat.MAX_TOOL_BYTES, "tool");
        if (tool.length() < minLength || !tool.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            throw new MalformedAnnounceException("tool '" + printable(tool) + "' is not " + minLength + ".."
                    + AnnounceFormat.MAX_TOOL_BYTES + " letters a-z");
        }
        return tool;
    }

    private static String string(ByteBuffer in, int max, String what) throws MalformedAnnounceException {
        int length = Byte.toUnsignedInt(in.get());
        if (length > max) {
            throw new MalformedAnnounceException(what + " length " + length + " > max " + max);
        }
        if (length > in.remaining()) {
            throw new MalformedAnnounceException(what + " length " + length + " > " + in.remaining() + " bytes left");
        }
        ByteBuffer bytes = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedAnnounceException(what + " is not UTF-8");
        }
    }

    static byte[] checkTool(String tool, int minLength) {
        if (tool.length() < minLength || tool.length() > AnnounceFormat.MAX_TOOL_BYTES
                || !tool.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            throw new IllegalArgumentException("tool '" + tool + "' is not " + minLength + ".."
                    + AnnounceFormat.MAX_TOOL_BYTES + " letters a-z");
        }
        return tool.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean printableAscii(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    /** Control characters in a name could drive the terminal of whoever lists the peers. */
    static boolean hasControl(String text) {
        return text.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    private static String printable(String text) {
        return text.codePoints().allMatch(c -> c >= 0x20 && c < 0x7F) ? text : "(non-printable)";
    }
}
