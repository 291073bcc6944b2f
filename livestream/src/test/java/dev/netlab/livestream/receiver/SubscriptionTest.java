package dev.netlab.livestream.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.livestream.rtp.Packet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SubscriptionTest {

    private static final long START = 1_000_000_000L;
    private static final byte[] PROOF = new byte[16];

    private final List<Packet> sent = new ArrayList<>();

    @Test
    void whileSubscribingTheNextWakeUpIsTheSubscribeRetry() throws Exception {
        Subscription subscription = new Subscription(sent::add, START);

        subscription.sendDue(START, null, new ReceiverCounters());

        assertThat(sent).singleElement().isInstanceOf(Packet.Subscribe.class);
        assertThat(subscription.nextDue()).isEqualTo(START + Subscription.SUBSCRIBE_RETRY_NANOS);
    }

    @Test
    void onceJoinedTheFinishedSubscribeTimerNoLongerWakesTheLoop() throws Exception {
        Subscription subscription = new Subscription(sent::add, START);
        subscription.sendDue(START, null, new ReceiverCounters());
        subscription.onWelcome(PROOF);
        subscription.onSessionInfo(7);
        long joinedAt = START + 3 * Subscription.SUBSCRIBE_RETRY_NANOS;

        subscription.sendDue(joinedAt, null, new ReceiverCounters());

        assertThat(sent).hasSize(2).last().isInstanceOf(Packet.Heartbeat.class);
        assertThat(subscription.nextDue()).isEqualTo(joinedAt + Subscription.HEARTBEAT_NANOS)
                .isGreaterThan(joinedAt);
    }
}
