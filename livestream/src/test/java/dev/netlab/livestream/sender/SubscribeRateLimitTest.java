package dev.netlab.livestream.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SubscribeRateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, (byte) (last >> 8), (byte) last});
    }

    private static int granted(SubscribeRateLimit limit, InetAddress source, int attempts, long now) {
        int granted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limit.tryAcquire(source, now)) {
                granted++;
            }
        }
        return granted;
    }

    @Test
    void oneAddressGetsItsBurstThenItsRateAndNoMore() throws Exception {
        SubscribeRateLimit limit = new SubscribeRateLimit(7, 0);
        InetAddress a = address(1);

        assertThat(granted(limit, a, 1000, 0)).isEqualTo(SubscribeRateLimit.PER_ADDRESS_BURST);
        assertThat(granted(limit, a, 1000, SECOND / 2)).isEqualTo(SubscribeRateLimit.PER_ADDRESS_PER_SECOND / 2);
        assertThat(granted(limit, a, 1000, 100 * SECOND)).isEqualTo(SubscribeRateLimit.PER_ADDRESS_BURST);
    }

    @Test
    void anotherAddressIsNotHeldBackByAFloodingOne() throws Exception {
        SubscribeRateLimit limit = new SubscribeRateLimit(7, 0, 4, 1, 100, 1);
        granted(limit, address(1), 50, 0);

        // Addresses may share a slot; among ten others most must still have their burst.
        int fresh = 0;
        for (int i = 2; i < 12; i++) {
            if (granted(limit, address(i), 4, 0) == 4) {
                fresh++;
            }
        }
        assertThat(fresh).isGreaterThanOrEqualTo(8);
    }

    @Test
    void theTotalCapsAFloodFromManyForgedAddresses() throws Exception {
        SubscribeRateLimit limit = new SubscribeRateLimit(7, 0);
        int granted = 0;
        for (int i = 0; i < 20_000; i++) {
            granted += granted(limit, address(i), 1, 0);
        }

        assertThat(granted).isEqualTo(SubscribeRateLimit.TOTAL_BURST);
        int nextSecond = 0;
        for (int i = 20_000; i < 40_000; i++) {
            nextSecond += granted(limit, address(i), 1, SECOND);
        }
        assertThat(nextSecond).isEqualTo(SubscribeRateLimit.TOTAL_PER_SECOND);
    }

    @Test
    void aRefusedAttemptCostsTheTotalNothing() throws Exception {
        SubscribeRateLimit limit = new SubscribeRateLimit(7, 0, 2, 1, 3, 1);
        InetAddress flooder = address(1);
        granted(limit, flooder, 1000, 0);

        // The flooder took 2 of the 3 total tokens; its 998 refusals took none.
        int others = 0;
        for (int i = 2; i < 50 && others == 0; i++) {
            others += granted(limit, address(i), 1, 0);
        }
        assertThat(others).isEqualTo(1);
    }
}
