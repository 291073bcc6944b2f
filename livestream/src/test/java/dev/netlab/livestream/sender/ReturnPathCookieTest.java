package dev.netlab.livestream.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.livestream.rtp.PacketFormat;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ReturnPathCookieTest {

    private static final InetSocketAddress ALICE = new InetSocketAddress("127.0.0.1", 40_000);
    private static final long SLOT = ReturnPathCookie.SLOT_NANOS;
    /** Some moment well into a slot, so "one slot later" stays inside the acceptance window. */
    private static final long T = 1_000 * SLOT + SLOT / 2;

    private final ReturnPathCookie cookies = new ReturnPathCookie(new SecureRandom());

    @Test
    void aCookieIsValidForItsAddressInItsSlotAndTheNextAndIsSixteenBytes() {
        byte[] cookie = cookies.issue(ALICE, T);

        assertThat(cookie).hasSize(PacketFormat.COOKIE_LENGTH);
        assertThat(cookies.isValid(ALICE, cookie, T)).isTrue();
        assertThat(cookies.isValid(ALICE, cookie, T + SLOT)).isTrue();
    }

    @Test
    void aCookieTwoSlotsOldIsExpired() {
        byte[] cookie = cookies.issue(ALICE, T);

        assertThat(cookies.isValid(ALICE, cookie, T + 2 * SLOT)).isFalse();
    }

    @Test
    void aCookieFromTheFutureSlotIsRejected() {
        byte[] cookie = cookies.issue(ALICE, T + SLOT);

        assertThat(cookies.isValid(ALICE, cookie, T)).isFalse();
    }

    @Test
    void aCookieIsRejectedFromAnotherAddressOrPort() {
        byte[] cookie = cookies.issue(ALICE, T);

        assertThat(cookies.isValid(new InetSocketAddress("127.0.0.2", 40_000), cookie, T)).isFalse();
        assertThat(cookies.isValid(new InetSocketAddress("127.0.0.1", 40_001), cookie, T)).isFalse();
        assertThat(cookies.isValid(new InetSocketAddress("::1", 40_000), cookie, T)).isFalse();
    }

    @Test
    void everySingleTamperedBitIsRejected() {
        byte[] cookie = cookies.issue(ALICE, T);
        for (int bit = 0; bit < cookie.length * 8; bit++) {
            byte[] tampered = cookie.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(cookies.isValid(ALICE, tampered, T)).as("bit %d flipped", bit).isFalse();
        }
    }

    @Test
    void anotherServersCookieAndTheEmptyCookieAreRejected() {
        byte[] theirs = new ReturnPathCookie(new SecureRandom()).issue(ALICE, T);

        assertThat(cookies.isValid(ALICE, theirs, T)).isFalse();
        assertThat(cookies.isValid(ALICE, new byte[PacketFormat.COOKIE_LENGTH], T)).isFalse();
        assertThat(cookies.isValid(ALICE, new byte[PacketFormat.COOKIE_LENGTH - 1], T)).isFalse();
    }
}
