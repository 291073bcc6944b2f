package dev.netlab.filetransfer.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.frame.FrameWriter;
import dev.netlab.common.frame.ProtocolViolationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The END that abandons a file whose source changed: its wire form, and forged variants. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SourceChangedEndTest {

    private static Message decode(byte[] bytes) throws IOException {
        return new MessageReader(Channels.newChannel(new ByteArrayInputStream(bytes)), MessageReader.sessionPayloadCap()).next();
    }

    @Test
    void anAbandoningEndCarriesItsAttemptsAndFlagsAndNoDigest() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MessageWriter writer = new MessageWriter(Channels.newChannel(bytes));
        writer.endChanged(9, 3, true, false);
        writer.endChanged(10, 1, false, false);
        writer.endChanged(11, 1, true, true);
        MessageReader reader = new MessageReader(Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray())),
                MessageReader.sessionPayloadCap());

        assertThat(reader.next()).isEqualTo(new Message.End(9, null, 3, true, false));
        assertThat(reader.next()).isEqualTo(new Message.End(10, null, 1, false, false));
        Message gone = reader.next();
        assertThat(gone).isEqualTo(new Message.End(11, null, 1, true, true));
        assertThat(((Message.End) gone).sourceChanged()).isTrue();
        assertThat(reader.next()).isNull();
    }

    @Test
    void refusesAnAbandoningEndWithADigestOrAttemptZero() throws IOException {
        byte[] withDigest = frame(HexFormat.of().parseHex("00000009" + "10" + "a96faf705af16834e6c632b61e964e1f" + "01"));
        byte[] attemptZero = frame(HexFormat.of().parseHex("00000009" + "00" + "00"));

        assertThatThrownBy(() -> decode(withDigest)).isInstanceOf(ProtocolViolationException.class)
                .hasMessageContaining("END of changed file 9 with a digest or attempt 0");
        assertThatThrownBy(() -> decode(attemptZero)).isInstanceOf(ProtocolViolationException.class)
                .hasMessageContaining("END of changed file 9 with a digest or attempt 0");
    }

    private static byte[] frame(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new FrameWriter(Channels.newChannel(bytes)).write(MessageType.END.wire(), TransferProtocol.END_FLAG_SOURCE_CHANGED, body);
        return bytes.toByteArray();
    }
}
