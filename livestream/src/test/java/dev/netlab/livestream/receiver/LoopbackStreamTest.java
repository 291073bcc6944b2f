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
                     Streams.play(server.localAddress(), out, dir.resolve("frames")))) {
            PlayResult result = Streams.runAsync(receiver).get(20, TimeUnit.SECONDS);

            assertThat(result.ok()).as(result.outcome()).isTrue();
            assertThat(result.concealed()).as(result.toString()).isZero();
            AudioAssert.assertBitExact(source, WavReader.read(out));
            assertThat(result.concealed()).isZero();
            assertThat(result.expected()).isEqualTo(300);
            assertThat(result.frames().complete()).isEqualTo(20);
            assertThat(Files.readAllBytes(dir.resolve("frames").resolve("frame-00007.jpg"))).isEqualTo(frames.frame(7));
        }
    }

    @Test
    @Timeout(30)
    void aLateJoinerGetsSilenceUpToItsJoinThenTheSourceStillAlignedAndOfFullLength() throws Exception {
        PcmAudio source = Streams.music(2);
        Path early = dir.resolve("early.wav");
        Path late = dir.resolve("late.wav");
        try (BroadcastServer server = BroadcastServer.start(Streams.server(source, null, "rs:10+2"));
             ReceiverSession first = new ReceiverSession(Streams.play(server.localAddress(), early, null));
             ReceiverSession second = new ReceiverSession(Streams.play(server.localAddress(), late, null))) {
            var firstRun = Streams.runAsync(first);
            org.awaitility.Awaitility.await().until(() -> server.stats().mediaPackets() > 100);
            PlayResult joinedLate = Streams.runAsync(second).get(20, TimeUnit.SECONDS);
            firstRun.get(20, TimeUnit.SECONDS);

            int joinFrame = (int) (400 - joinedLate.expected()) * 240;
            PcmAudio out = WavReader.read(late);
            assertThat(joinedLate.expected()).isLessThan(400);
            assertThat(out.frameCount()).isEqualTo(source.frameCount());
            assertThat(out.slice(0, joinFrame)).containsOnly((byte) 0);
            assertThat(out.slice(joinFrame, source.frameCount())).isEqualTo(source.slice(joinFrame, source.frameCount()));
            AudioAssert.assertBitExact(source, WavReader.read(early));
        }
    }
}
