package dev.netlab.filetransfer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.common.testing.ChunkedChannel;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.MessageReader;
import dev.netlab.filetransfer.protocol.MessageWriter;
import dev.netlab.filetransfer.protocol.PlanDecision;
import dev.netlab.filetransfer.protocol.RemoteRefusalException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reply-reading thread, fed from memory at random read boundaries. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReplyReaderTest {

    private interface Script {
        void write(MessageWriter w) throws IOException;
    }

    private static MessageReader replies(long seed, Script script) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        script.write(new MessageWriter(Channels.newChannel(bytes)));
        List<Integer> sizes = new Random(seed).ints(32, 1, 40).boxed().toList();
        return new MessageReader(new ChunkedChannel(bytes.toByteArray(), sizes), MessageReader.sessionPayloadCap());
    }

    private static List<ReplyReader.Reply> drain(ReplyReader reader, int count) throws InterruptedException {
        List<ReplyReader.Reply> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replies.add(reader.take());
        }
        return replies;
    }

    @RepeatedTest(10)
    void handsOverEveryReplyInOrderAndStopsAfterTheLastFinalResult(RepetitionInfo repetition) throws Exception {
        MessageReader wire = replies(repetition.getCurrentRepetition(), w -> {
            w.plan(0, PlanDecision.SEND, List.of());
            w.nack(0, 1);
            w.result(0, FileStatus.RESTART_FROM_ZERO, ErrorCode.DIGEST_MISMATCH, 10, null, "", "older source");
            w.result(1, FileStatus.VERIFIED, ErrorCode.NONE, 0, null, "", "");
            w.plan(2, PlanDecision.SEND, List.of());
            w.result(2, FileStatus.FAILED, ErrorCode.EXISTS, 0, null, "", "exists");
            w.result(9, FileStatus.VERIFIED, ErrorCode.NONE, 0, null, "", "");
        });
        ReplyReader reader = new ReplyReader(wire, "test-replies");
        reader.start(2);

        List<String> seen = drain(reader, 6).stream().map(r -> WireTap.describe(r.message())).toList();
        reader.close();

        assertThat(seen).containsExactly("PLAN 0 SEND held=[]", "NACK 0 #1",
                "RESULT 0 RESTART_FROM_ZERO DIGEST_MISMATCH resumed=10 digest=- stored-as='' 'older source'",
                "RESULT 1 VERIFIED NONE resumed=0 digest=- stored-as='' ''", "PLAN 2 SEND held=[]",
                "RESULT 2 FAILED EXISTS resumed=0 digest=- stored-as='' 'exists'");
        assertThat(reader.poll()).as("nothing after the last final result").isNull();
        assertThat(wire.next()).as("left on the connection for its owner").isInstanceOf(Message.Result.class);
    }

    @Test
    void handsOverARefusalTheReceiverSentAsAnError() throws Exception {
        ReplyReader reader = new ReplyReader(replies(1, w -> w.error(ErrorCode.NO_SPACE, "disk full")), "test-replies");
        reader.start(1);

        ReplyReader.Reply reply = reader.take();
        reader.close();

        assertThat(reply.failure()).isInstanceOf(RemoteRefusalException.class).hasMessage("disk full");
        assertThat(((RemoteRefusalException) reply.failure()).code()).isEqualTo(ErrorCode.NO_SPACE);
    }

    @Test
    void handsOverAnEndOfStreamBeforeEveryFileWasAnswered() throws Exception {
        ReplyReader reader = new ReplyReader(replies(2, w ->
                w.result(0, FileStatus.VERIFIED, ErrorCode.NONE, 0, null, "", "")), "test-replies");
        reader.start(3);

        List<ReplyReader.Reply> replies = drain(reader, 2);
        reader.close();

        assertThat(replies.get(0).message()).isInstanceOf(Message.Result.class);
        assertThat(replies.get(1).failure()).isInstanceOf(EOFException.class)
                .hasMessage("peer closed the connection with 2 files unanswered");
    }

    @Test
    void handsOverAMalformedReply() throws Exception {
        byte[] unknownType = {0x4E, 0x4C, 1, 0x7F, 0, 0, 0, 0, 0, 0};
        ReplyReader reader = new ReplyReader(new MessageReader(new ChunkedChannel(unknownType, List.of()), 100), "test-replies");
        reader.start(1);

        ReplyReader.Reply reply = reader.take();
        reader.close();

        assertThat(reply.failure()).isInstanceOf(ProtocolViolationException.class).hasMessage("unknown message type 0x7f");
    }
}
