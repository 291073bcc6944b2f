package dev.netlab.livestream.scratch;

import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.receiver.ReceiverSession;
import dev.netlab.livestream.sender.BroadcastServer;
import dev.netlab.livestream.testing.Streams;
import org.junit.jupiter.api.Test;

class DebugScratchTest {
    @Test
    void debug() throws Exception {
        PcmAudio source = Streams.music(1.5);
        try (BroadcastServer server = BroadcastServer.start(Streams.server(source, Streams.frames(20, 3), "xor-row:8"));
             ReceiverSession receiver = new ReceiverSession(Streams.play(server.localAddress(), null, null), source)) {
            System.out.println(receiver.run());
            System.out.println(server.stats());
            receiver.intervals().forEach(System.out::println);
        }
    }
}
