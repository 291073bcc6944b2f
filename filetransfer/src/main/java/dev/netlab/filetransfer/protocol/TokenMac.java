package dev.netlab.filetransfer.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proof of a shared token without sending it: HMAC-SHA256 keyed with the token over
 * {@link TransferProtocol#AUTH_LABEL} and a fresh random server nonce, so a recorded proof is
 * worth nothing on the next connection.
 */
public final class TokenMac {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenMac() {
    }

    /** Reads a token file: its content without surrounding whitespace, which must not be empty. */
    public static byte[] readToken(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException("token file " + file + " is empty");
        }
        return token.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] newNonce() {
        byte[] nonce = new byte[TransferProtocol.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    public static byte[] prove(byte[] token, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token, "HmacSHA256"));
            mac.update(TransferProtocol.AUTH_LABEL.getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime must provide HmacSHA256", e);
        }
    }

    /** Constant-time comparison, so timing does not leak how much of a guess was right. */
    public static boolean verify(byte[] token, byte[] nonce, byte[] proof) {
        return MessageDigest.isEqual(prove(token, nonce), proof);
    }
}
