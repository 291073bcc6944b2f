package dev.netlab.filetransfer.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File data through a channel: unchanged where sendfile cannot reach (TLS), an exact error where the source shrank. */
class CoalescingWriteChannelTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final CoalescingWriteChannel out = new CoalescingWriteChannel(
            Channels.newChannel(sink), new ConnectionActivity(Duration.ofSeconds(10)));

    private Path file(byte[] data) throws Exception {
        Path path = dir.resolve("source.bin");
        Files.write(path, data);
        return path;
    }

    @Test
    void sendsAMappedRangeAsItIsAfterWhatIsStaged() throws Exception {
        byte[] data = TestData.randomBytes(1024 * 1024 + 7, 6);
        try (FileChannel file = FileChannel.open(file(data), StandardOpenOption.READ)) {
            out.write(ByteBuffer.wrap(new byte[] {9, 9}));
            ByteBuffer mapped = file.map(FileChannel.MapMode.READ_ONLY, 7, data.length - 7);
            out.transferFrom(file, 7, mapped);
            assertThat(mapped.hasRemaining()).isFalse();
        }

        byte[] expected = new byte[2 + data.length - 7];
        expected[0] = 9;
        expected[1] = 9;
        System.arraycopy(data, 7, expected, 2, data.length - 7);
        assertThat(sink.toByteArray()).isEqualTo(expected);
    }

    @Test
    void aSourceThatShrankAfterItWasMappedIsAnErrorNamingBothLengthsWhenSentByTransferTo() throws Exception {
        byte[] data = TestData.randomBytes(1000, 7);
        Path copy = dir.resolve("copy.bin");
        try (FileChannel file = FileChannel.open(file(data), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel target = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer mapped = file.map(FileChannel.MapMode.READ_ONLY, 0, data.length);
            file.truncate(600);
            CoalescingWriteChannel toFile = new CoalescingWriteChannel(target, new ConnectionActivity(Duration.ofSeconds(10)));

            assertThatThrownBy(() -> toFile.transferFrom(file, 0, mapped))
                    .isInstanceOf(EOFException.class)
                    .hasMessage("source shrank while sending: ends at byte 600, needed 1000");
        }
    }
}
