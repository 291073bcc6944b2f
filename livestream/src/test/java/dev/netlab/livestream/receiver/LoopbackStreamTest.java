package dev.netlab.livestream.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.livestream.media.FrameSequence;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.sender.BroadcastServer;
import dev.netlab.livestream.testing.AudioAssert;
import dev.netlab.livestream.testing.Streams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LoopbackStreamTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void withoutLossTheOutputWavEqualsTheSourceBitForBitAndEveryFrameIsComplete() throws Exception {
        PcmAudio source = Streams.music(1.5);
        FrameSequence frames = Streams.frames(20, 3);
        Path out = dir.resolve("out.wav");
        try (BroadcastServer server = BroadcastServer.start(Streams.server(source, frames, "xor-row:8"));
             ReceiverSession receiver = new ReceiverSession(
                     Streams.play(server.localAddress(), out, dir.resolve("frames")), source)) {
            PlayResult result = Streams.runAsync(receiver).get(20, TimeUnit.SECONDS);

            assertThat(result.ok()).as(result.outcome()).isTrue();
            assertThat(result.concealed()).as(result.toString()).isZero();
            AudioAssert.assertBitExact(source, WavReader.read(out));
            assertThat(result.concealed()).isZero();
            assertThat(result.expected()).isEqualTo(300);
            assertThat(result.snrDb()).isInfinite();
            assertThat(result.frames().complete()).isEqualTo(20);
            assertThat(Files.readAllBytes(dir.resolve("frames").resolve("frame-00007.jpg"))).isEqualTo(frames.frame(7));
        }
    }
}
