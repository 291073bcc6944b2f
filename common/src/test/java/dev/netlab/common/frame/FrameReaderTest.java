package dev.netlab.common.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.testing.ChunkedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    private static FrameReader readerOf(byte[] bytes, int max) {
        return new FrameReader(new ChunkedChannel(bytes, List.of()), max);
    }

    private static byte[] header(int magic, int version, int type, int flags, int length) {
        return ByteBuffer.allocate(FrameFormat.HEADER_LENGTH)
                .putShort((short) magic).put((byte) version).put((byte) type)
                .putShort((short) flags).putInt(length).array();
    }

    @Test
    void writesTheDocumentedByteLayout() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new FrameWriter(Channels.newChannel(wire)).write(0x21, 0x0102, new byte[] {(byte) 0xAB, (byte) 0xCD});

        assertThat(HexFormat.of().formatHex(wire.toByteArray())).isEqualTo("4e4c012101020000" + "0002abcd");
    }

    @Test
    void endOfStreamBetweenFramesIsACleanClose() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new FrameWriter(Channels.newChannel(wire)).write(1, 0, new byte[0]);
        FrameReader reader = readerOf(wire.toByteArray(), 16);

        Frame frame = reader.next();

        assertThat(frame.type()).isEqualTo(1);
        assertThat(frame.payload().remaining()).isZero();
        assertThat(reader.next()).isNull();
    }

    @Test
    void refusesALengthOverTheCapBeforeAllocatingIt() {
        FrameReader reader = readerOf(header(FrameFormat.MAGIC, 1, 1, 0, 70_000), 65_536);

        assertThatThrownBy(reader::next)
                .isInstanceOf(FrameTooLongException.class)
                .hasMessage("frame length 70000 > max 65536");
    }

    @Test
    void readsALengthWithTheTopBitSetAsHugeNotNegative() {
        FrameReader reader = readerOf(header(FrameFormat.MAGIC, 1, 1, 0, -1), 65_536);

        assertThatThrownBy(reader::next)
                .isInstanceOf(FrameTooLongException.class)
                .hasMessage("frame length 4294967295 > max 65536");
    }

    @Test
    void refusesBytesThatAreNotANetlabFrame() {
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> readerOf(http, 1024).next())
                .isInstanceOf(CorruptFrameException.class)
                .hasMessage("bad frame magic 0x4745, expected 0x4e4c (peer is not speaking netlab frames)");
    }

    @Test
    void refusesAnUnknownVersion() {
        FrameReader reader = readerOf(header(FrameFormat.MAGIC, 9, 1, 0, 0), 1024);

        assertThatThrownBy(reader::next)
                .isInstanceOf(CorruptFrameException.class)
                .hasMessage("unsupported frame version 9, expected 1");
    }

    @Test
    void aTruncatedHeaderIsAnError() {
        byte[] partial = {0x4E, 0x4C, 1};

        assertThatThrownBy(() -> readerOf(partial, 1024).next())
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessage("stream ended inside a frame after 3 of 10 bytes");
    }

    @Test
    void growsItsBufferForAFrameLargerThanTheInitialOne() throws IOException {
        byte[] payload = dev.netlab.common.testing.TestData.randomBytes(FrameReader.INITIAL_BUFFER_SIZE * 3 + 17, 1);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(Channels.newChannel(wire));
        writer.write(2, 0, payload);
        writer.write(3, 0, new byte[] {1});

        FrameReader reader = readerOf(wire.toByteArray(), payload.length);

        assertThat(reader.next().payloadBytes()).isEqualTo(payload);
        assertThat(reader.next().payloadBytes()).containsExactly(1);
    }

    @Test
    void writerRefusesAPayloadOverTheProtocolMaximum() {
        FrameWriter writer = new FrameWriter(Channels.newChannel(new ByteArrayOutputStream()));

        assertThatThrownBy(() -> writer.writeHeader(1, 0, FrameFormat.MAX_PAYLOAD_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame length " + (FrameFormat.MAX_PAYLOAD_LENGTH + 1) + " > max "
                        + FrameFormat.MAX_PAYLOAD_LENGTH);
    }
}
