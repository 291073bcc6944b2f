package dev.netlab.livestream.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TokenBucketTest {

    @Test
    void aFullBucketGivesItsBurstThenRefillsAtItsRateUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(3, 10, 0);

        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.tryTake(50_000_000L)).isFalse();
        assertThat(bucket.tryTake(100_000_000L)).isTrue();
        assertThat(bucket.hasToken(10_000_000_000L)).isTrue();
        int taken = 0;
        while (bucket.tryTake(10_000_000_000L)) {
            taken++;
        }
        assertThat(taken).isEqualTo(3);
    }

    @Test
    void aClockThatGoesBackNeitherAddsNorRemovesTokens() {
        TokenBucket bucket = new TokenBucket(1, 1, 5_000_000_000L);

        assertThat(bucket.tryTake(5_000_000_000L)).isTrue();
        assertThat(bucket.tryTake(1_000_000_000L)).isFalse();
        assertThat(bucket.tryTake(6_000_000_000L)).isTrue();
    }

    @Test
    void anEmptyBucketIsRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).hasMessage("token bucket of burst 0, 1 per second");
    }
}
