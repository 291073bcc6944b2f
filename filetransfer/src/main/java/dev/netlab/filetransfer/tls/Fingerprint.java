package dev.netlab.filetransfer.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;

/**
 * The SHA-256 fingerprint of a server certificate's DER encoding, written as ssh writes host-key
 * fingerprints: {@code SHA256:} followed by the unpadded standard base64 of the 32-byte digest,
 * e.g. {@code SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU}. It is what the server prints at
 * start-up, what the known-servers file records and what {@code --tls-pin} takes, so a user can
 * compare them by eye. Immutable.
 */
public final class Fingerprint {

    public static final String PREFIX = "SHA256:";
    public static final int DIGEST_LENGTH = 32;

    private final byte[] digest;

    private Fingerprint(byte[] digest) {
        this.digest = digest;
    }

    /** The fingerprint of {@code certificate}'s DER encoding. */
    public static Fingerprint of(X509Certificate certificate) {
        try {
            return new Fingerprint(sha256().digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded: " + e.getMessage(), e);
        }
    }

    /** The 32 digest bytes, e.g. for a LAN announce. */
    public byte[] digest() {
        return digest.clone();
    }

    /** @throws IllegalArgumentException unless {@code digest} is 32 bytes */
    public static Fingerprint ofDigest(byte[] digest) {
        if (digest.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException("a SHA-256 fingerprint has 32 bytes, not " + digest.length);
        }
        return new Fingerprint(digest.clone());
    }

    /**
     * Parses {@code SHA256:<base64>} (padding optional; the prefix is case-insensitive).
     *
     * @throws IllegalArgumentException naming the text when it is not a SHA-256 fingerprint
     */
    public static Fingerprint parse(String text) {
        String trimmed = text.strip();
        if (!trimmed.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw notAFingerprint(text);
        }
        String base64 = trimmed.substring(PREFIX.length());
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw notAFingerprint(text);
        }
        if (digest.length != DIGEST_LENGTH) {
            throw notAFingerprint(text);
        }
        return new Fingerprint(digest);
    }

    private static IllegalArgumentException notAFingerprint(String text) {
        return new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint like "
                + "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    /** {@code SHA256:} and the unpadded base64 digest. */
    @Override
    public String toString() {
        return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(digest);
    }
}
