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
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File data through a channel sendfile cannot reach, as TLS is: the bytes must arrive unchanged. */
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
    void sendsAFileRangeLargerThanOnePieceAfterWhatIsStaged() throws Exception {
        byte[] data = TestData.randomBytes(3 * CoalescingWriteChannel.FILE_PIECE_SIZE + 123, 5);
        try (FileChannel file = FileChannel.open(file(data), StandardOpenOption.READ)) {
            out.write(ByteBuffer.wrap(new byte[] {9, 9}));
            out.transferFrom(file, 100, data.length - 100);
        }

        byte[] expected = new byte[2 + data.length - 100];
        expected[0] = 9;
        expected[1] = 9;
        System.arraycopy(data, 100, expected, 2, data.length - 100);
        assertThat(sink.toByteArray()).isEqualTo(expected);
    }

    @Test
    void sendsAnAlreadyMappedRangeAsItIs() throws Exception {
        byte[] data = TestData.randomBytes(1024 * 1024 + 7, 6);
        try (FileChannel file = FileChannel.open(file(data), StandardOpenOption.READ)) {
            ByteBuffer mapped = file.map(FileChannel.MapMode.READ_ONLY, 7, data.length - 7);
            out.transferFrom(file, 7, mapped);
            assertThat(mapped.hasRemaining()).isFalse();
        }

        assertThat(sink.toByteArray()).isEqualTo(Arrays.copyOfRange(data, 7, data.length));
    }

    @Test
    void aSourceShorterThanTheRangeIsAnErrorNamingBothLengths() throws Exception {
        byte[] data = TestData.randomBytes(1000, 7);
        try (FileChannel file = FileChannel.open(file(data), StandardOpenOption.READ)) {
            assertThatThrownBy(() -> out.transferFrom(file, 0, 2000))
                    .isInstanceOf(EOFException.class)
                    .hasMessage("source shrank while sending: ends at byte 1000, needed 2000");
        }
    }
}
