package dev.netlab.livestream.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramePlayoutTest {

    @Test
    void framesReassembleFromShuffledFragmentsAndAnIncompleteOneIsFrozenOnThePrevious() throws IOException {
        FramePlayout frames = new FramePlayout(0, 3);
        frames.offer(0, 1, 2, new byte[] {3, 4});
        frames.offer(0, 0, 2, new byte[] {1, 2});
        frames.offer(1, 0, 2, new byte[] {9});
        frames.offer(2, 0, 1, new byte[] {7});
        List<String> shown = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            frames.playNext((n, jpeg, held) -> shown.add(n + ":" + java.util.Arrays.toString(jpeg) + (held ? " held" : "")));
        }

        assertThat(shown).containsExactly("0:[1, 2, 3, 4]", "1:[1, 2, 3, 4] held", "2:[7]");
        assertThat(frames.complete()).isEqualTo(2);
        assertThat(frames.frozen()).isEqualTo(1);
    }

    @Test
    void fragmentCountDisagreeingWithTheFrameIsInvalidAndDuplicatesAreCounted() {
        FramePlayout frames = new FramePlayout(0, 10);
        frames.offer(4, 0, 3, new byte[] {1});
        assertThat(frames.offer(4, 1, 5, new byte[] {1})).isEqualTo(Offer.INVALID);
        assertThat(frames.offer(4, 0, 3, new byte[] {1})).isEqualTo(Offer.DUPLICATE);
        assertThat(frames.offer(4 + FramePlayout.MAX_PENDING_FRAMES, 0, 1, new byte[] {1})).isEqualTo(Offer.OUT_OF_WINDOW);
    }
}
