package dev.netlab.filetransfer.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.frame.FrameTooLongException;
import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.common.testing.ChunkedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final byte[] DIGEST = HexFormat.of().parseHex("a96faf705af16834e6c632b61e964e1f");

    private static byte[] encodeAll() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MessageWriter w = new MessageWriter(Channels.newChannel(bytes));
        w.hello(TransferProtocol.MAGIC, TransferProtocol.VERSION);
        w.offer(new Message.Offer(7, 5, 1234, 65536, 0, 1, DigestAlgorithm.XXH128, DIGEST, "dir/ünï code.txt", true, false));
        w.chunk(7, 0, 0xCAFEBABE, ByteBuffer.wrap("hello".getBytes()));
        w.plan(8, PlanDecision.SEND, List.of(new Message.ChunkRun(0, 3), new Message.ChunkRun(5, 1)));
        w.end(8, DIGEST);
        w.nack(8, 4);
        w.result(8, FileStatus.FAILED, ErrorCode.DIGEST_MISMATCH, 99, null, "", "bad");
        w.result(9, FileStatus.VERIFIED, ErrorCode.NONE, 0, DIGEST, "dir/f (1).txt", "");
        w.result(10, FileStatus.RESTART_FROM_ZERO, ErrorCode.DIGEST_MISMATCH, 4096, null, "", "older source");
        w.listing(List.of(new Message.ListingEntry(true, 0, 5, "sub"), new Message.ListingEntry(false, 9, 6, "f")), false);
        w.error(ErrorCode.AUTH_FAILED, "wrong token");
        return bytes.toByteArray();
    }

    /** A channel that hands out the bytes in pieces of random size, as TCP may. */
    /** Reads of 1 to 7 bytes, a seeded pattern of 64 sizes over and over. */
    private static ReadableByteChannel trickle(byte[] bytes, long seed) {
        Random random = new Random(seed);
        List<Integer> sizes = random.ints(64, 1, 8).boxed().toList();
        return new ChunkedChannel(bytes, sizes);
    }

    @RepeatedTest(20)
    void decodesEveryMessageWhateverTheReadBoundaries(org.junit.jupiter.api.RepetitionInfo repetition) throws IOException {
        MessageReader reader = new MessageReader(trickle(encodeAll(), repetition.getCurrentRepetition()),
                MessageReader.sessionPayloadCap());
        List<String> decoded = new ArrayList<>();
        Message m;
        while ((m = reader.next()) != null) {
            decoded.add(describe(m));
        }
        assertThat(decoded).containsExactly(
                "Hello[magic=1313621588, version=2]",
                "offer 7 5 1234 65536 xxh128 a96faf705af16834e6c632b61e964e1f dir/ünï code.txt eager",
                "chunk 7 0 cafebabe hello",
                "Plan[fileId=8, decision=SEND, held=[ChunkRun[first=0, count=3], ChunkRun[first=5, count=1]]]",
                "end 8 a96faf705af16834e6c632b61e964e1f",
                "Nack[fileId=8, index=4]",
                "result 8 FAILED DIGEST_MISMATCH 99 stored-as '' bad",
                "result 9 VERIFIED NONE 0 stored-as 'dir/f (1).txt' ",
                "result 10 RESTART_FROM_ZERO DIGEST_MISMATCH 4096 stored-as '' older source",
                "Listing[entries=[ListingEntry[directory=true, size=0, mtimeMillis=5, name=sub], ListingEntry[directory=false, size=9, mtimeMillis=6, name=f]], more=false]",
                "ErrorMessage[code=AUTH_FAILED, text=wrong token]");
    }

    private static String describe(Message m) {
        if (m instanceof Message.Offer o) {
            return "offer " + o.fileId() + " " + o.size() + " " + o.mtimeMillis() + " " + o.chunkSize() + " "
                    + o.algorithm().cliName() + " " + DigestAlgorithm.hex(o.digest()) + " " + o.path() + (o.eager() ? " eager" : "");
        }
        if (m instanceof Message.Chunk c) {
            byte[] data = new byte[c.data().remaining()];
            c.data().duplicate().get(data);
            return "chunk " + c.fileId() + " " + c.index() + " " + Integer.toHexString(c.crc()) + " " + new String(data);
        }
        if (m instanceof Message.End e) {
            return "end " + e.fileId() + " " + DigestAlgorithm.hex(e.digest());
        }
        if (m instanceof Message.Result r) {
            return "result " + r.fileId() + " " + r.status() + " " + r.code() + " " + r.resumedBytes()
                    + " stored-as '" + r.storedAs() + "' " + r.text();
        }
        return m.toString();
    }

    @Test
    void encodesHelloAsTheDiagramDraws() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new MessageWriter(Channels.newChannel(bytes)).hello(TransferProtocol.MAGIC, TransferProtocol.VERSION);

        assertThat(HexFormat.of().formatHex(bytes.toByteArray())).isEqualTo("4e4c0101000000000008" + "4e4c4654" + "0002" + "0000");
    }

    @Test
    void encodesResultAsTheDiagramDrawsWithTheStoredAsNameInItsOwnField() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new MessageWriter(Channels.newChannel(bytes)).result(3, FileStatus.VERIFIED, ErrorCode.NONE, 5, new byte[] {(byte) 0xAB},
                "a (1)", "");

        assertThat(HexFormat.of().formatHex(bytes.toByteArray())).isEqualTo("4e4c0115000000000018"
                + "00000003" + "01" + "0000" + "0000000000000005" + "01ab" + "0005" + "61202831" + "29");
    }

    @Test
    void refusesAStoredAsNameOnAResultThatIsNotVerified() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new MessageWriter(Channels.newChannel(bytes)).result(3, FileStatus.FAILED, ErrorCode.EXISTS, 0, null, "a (1)", "x");

        assertThatThrownBy(() -> new MessageReader(trickle(bytes.toByteArray(), 1), 100_000).next())
                .isInstanceOf(ProtocolViolationException.class)
                .hasMessage("RESULT FAILED of file 3 with a stored-as name");
    }

    @Test
    void refusesAControlMessageLargerThanTheControlCapBeforeAuthentication() {
        ByteBuffer frame = ByteBuffer.allocate(10).putShort((short) 0x4E4C).put((byte) 1).put((byte) 1)
                .putShort((short) 0).putInt(TransferProtocol.MAX_CONTROL_PAYLOAD + 1).flip();
        MessageReader reader = new MessageReader(trickle(frame.array(), 1), TransferProtocol.MAX_CONTROL_PAYLOAD);

        assertThatThrownBy(reader::next).isInstanceOf(FrameTooLongException.class)
                .hasMessage("frame length 65537 > max 65536");
    }

    @Test
    void refusesAnUnknownMessageTypeAndATruncatedBody() throws IOException {
        byte[] unknown = {0x4E, 0x4C, 1, 0x7F, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> new MessageReader(trickle(unknown, 1), 100).next())
                .isInstanceOf(ProtocolViolationException.class).hasMessage("unknown message type 0x7f");
        byte[] shortNack = {0x4E, 0x4C, 1, 0x14, 0, 0, 0, 0, 0, 2, 0, 1};
        assertThatThrownBy(() -> new MessageReader(trickle(shortNack, 1), 100).next())
                .isInstanceOf(ProtocolViolationException.class).hasMessage("NACK body of 2 bytes is too short");
    }

    @Test
    void refusesAnEagerOfferWithoutADigest() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new MessageWriter(Channels.newChannel(bytes)).offer(new Message.Offer(1, 1, 0, 65536, 0, 1,
                DigestAlgorithm.XXH128, null, "f", true, false));

        assertThatThrownBy(() -> new MessageReader(trickle(bytes.toByteArray(), 1), 100_000).next())
                .isInstanceOf(ProtocolViolationException.class)
                .hasMessage("eager OFFER of file 1 without a xxh128 digest");
    }
}
