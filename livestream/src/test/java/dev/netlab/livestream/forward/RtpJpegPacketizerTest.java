package dev.netlab.livestream.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.livestream.media.SampleMediaGenerator;
import dev.netlab.livestream.rtp.PacketFormat;
import dev.netlab.livestream.rtp.RtpFormat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtpJpegPacketizerTest {

    @TempDir
    Path dir;

    @Test
    void aFrameBecomesDatagramsWithinBudgetThatRebuildItsScanWithTablesFirstAndMarkerLast() throws Exception {
        Path file = dir.resolve("f.jpg");
        SampleMediaGenerator.writeJpeg(SampleMediaGenerator.drawFrame(11), file);
        BaselineJpeg jpeg = BaselineJpeg.parse(Files.readAllBytes(file));
        RtpJpegPacketizer packetizer = new RtpJpegPacketizer(0x01020304, 0xFFFE);

        List<byte[]> packets = packetizer.packets(jpeg, 0xFFFFFFF0L);

        assertThat(packets.size()).isGreaterThan(1);
        ByteArrayOutputStream scan = new ByteArrayOutputStream();
        for (int i = 0; i < packets.size(); i++) {
            ByteBuffer p = ByteBuffer.wrap(packets.get(i));
            assertThat(p.remaining()).isLessThanOrEqualTo(PacketFormat.MAX_DATAGRAM_LENGTH);
            assertThat(p.get(0) & 0xFF).isEqualTo(0x80);
            boolean last = i == packets.size() - 1;
            assertThat(p.get(1) & 0xFF).isEqualTo((last ? 0x80 : 0) | RtpJpegFormat.PAYLOAD_TYPE);
            assertThat(p.getShort(2) & 0xFFFF).isEqualTo((0xFFFE + i) & 0xFFFF);
            assertThat(p.getInt(4) & 0xFFFFFFFFL).isEqualTo(0xFFFFFFF0L);
            assertThat(p.getInt(8)).isEqualTo(0x01020304);
            int header = RtpFormat.HEADER_LENGTH;
            assertThat(p.getInt(header) & 0xFFFFFF).as("fragment offset").isEqualTo(scan.size());
            assertThat(p.get(header + 4)).isEqualTo((byte) RtpJpegFormat.TYPE_420);
            assertThat(p.get(header + 5) & 0xFF).isEqualTo(255);
            assertThat(p.get(header + 6) & 0xFF).isEqualTo(40);
            assertThat(p.get(header + 7) & 0xFF).isEqualTo(30);
            int data = header + RtpJpegFormat.MAIN_HEADER_LENGTH;
            if (i == 0) {
                assertThat(p.getShort(data + 2)).isEqualTo((short) 128);
                assertThat(Arrays.copyOfRange(packets.get(0), data + 4, data + 4 + 128)).isEqualTo(jpeg.quantTables());
                data += 4 + 128;
            }
            scan.write(packets.get(i), data, packets.get(i).length - data);
        }
        assertThat(scan.toByteArray()).isEqualTo(jpeg.scan());
    }
}
