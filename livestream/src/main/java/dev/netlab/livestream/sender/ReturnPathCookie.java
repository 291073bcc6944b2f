package dev.netlab.livestream.sender;

import dev.netlab.livestream.rtp.PacketFormat;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless return-path cookies, as SRT's handshake cookie and QUIC's Retry token: a cookie
 * is HMAC-SHA256, keyed with a random secret of this server, over a coarse time slot and the
 * source port and IP address, truncated to {@link PacketFormat#COOKIE_LENGTH} bytes. Only a
 * host that receives datagrams at an address can echo that address's cookie, so a subscribe
 * with a forged source never gets further than the challenge; and the server keeps no state
 * per address until the cookie comes back. A cookie is accepted in the slot it was made in and
 * the next one, so it lives between {@link #SLOT_NANOS} and twice that. Thread-safe.
 */
final class ReturnPathCookie {

    /**
     * Length of a time slot: a receiver echoes its cookie one round trip after it got it, so
     * 10 s is ample even over a lossy link, and short enough that a cookie seen by an
     * on-path observer soon expires.
     */
    static final long SLOT_NANOS = 10_000_000_000L;
    private static final String ALGORITHM = "HmacSHA256";
    /** HMAC-SHA256 key length: the hash's own output size (RFC 2104 section 3). */
    private static final int SECRET_LENGTH = 32;

    private final Mac mac;

    /** A cookie maker with a fresh random secret. */
    ReturnPathCookie(SecureRandom random) {
        byte[] secret = new byte[SECRET_LENGTH];
        random.nextBytes(secret);
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
    }

    /** The cookie for this address at this time. */
    byte[] issue(InetSocketAddress address, long nowNanos) {
        return cookie(address, slot(nowNanos));
    }

    /**
     * Whether {@code cookie} was issued to this address in the current or the previous slot.
     * Both are compared in constant time, and always both, so the answer's timing tells
     * nothing about how many bytes matched.
     */
    boolean isValid(InetSocketAddress address, byte[] cookie, long nowNanos) {
        if (cookie.length != PacketFormat.COOKIE_LENGTH) {
            return false;
        }
        long slot = slot(nowNanos);
        boolean current = MessageDigest.isEqual(cookie(address, slot), cookie);
        boolean previous = MessageDigest.isEqual(cookie(address, slot - 1), cookie);
        return current | previous;
    }

    private static long slot(long nowNanos) {
        return Math.floorDiv(nowNanos, SLOT_NANOS);
    }

    private synchronized byte[] cookie(InetSocketAddress address, long slot) {
        byte[] ip = address.getAddress().getAddress();
        ByteBuffer input = ByteBuffer.allocate(Long.BYTES + Short.BYTES + ip.length)
                .putLong(slot).putShort((short) address.getPort()).put(ip);
        return Arrays.copyOf(mac.doFinal(input.array()), PacketFormat.COOKIE_LENGTH);
    }
}
