package dev.netlab.filetransfer.tls;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs AES-GCM, called the way JSSE's TLS 1.3 record layer calls it (a fresh nonce per record,
 * a 5-byte header as associated data, in-place {@code doFinal(ByteBuffer, ByteBuffer)}), over a
 * few thousand small dummy records on a background thread: a server from its start, a client
 * once a connection has carried {@link TlsConnection#BULK_BYTES} (so small sends skip it).
 *
 * <p>Why: AES-GCM is fast in Java only once C2 has compiled the cipher's call chain, because only
 * C2-compiled callers use the AES-CTR and GHASH intrinsics (AES-NI, PCLMULQDQ); the interpreter
 * and C1 run the Java fallback. C2 compiles a method after about 5,000 calls, and a transfer
 * calls the cipher once per 16 KiB record, so in a fresh client JVM the first 100-odd MiB of a
 * file went through the slow code and the whole first GiB averaged about 263 MiB/s against
 * 1.35 GB/s warm. Small records reach the call counts after a few MiB of work instead; the
 * compiled code is shared with the connection's cipher, which uses the same provider classes.
 * The same trick as livestream's {@code FecWarmup}, moved to a thread so no one waits for it.
 *
 * <p>The thread is a daemon that runs once per JVM, does a fixed amount of work ({@link #RECORDS}
 * records of {@link #RECORD_LENGTH} bytes, 4 MiB) and ends by itself; it touches no connection,
 * so nothing needs to stop it, and a JVM may exit while it runs.
 */
public final class CipherWarmup {

    /**
     * Records encrypted and decrypted: comfortably above the about 5,000 calls after which C2
     * compiles a method (more when its queue is long), so the whole chain, not only the inner
     * loops, is compiled before the bulk of a file goes through.
     */
    static final int RECORDS = 8_000;
    /** Small, so the slow first calls cost little; the compiled code does not depend on the size. */
    static final int RECORD_LENGTH = 512;
    /** TLS_AES_128_GCM_SHA256, the preferred suite (see {@link TlsSettings#CIPHER_SUITES}). */
    static final int KEY_LENGTH = 16;
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = 128;
    /** A TLS record header, which TLS 1.3 authenticates as associated data. */
    static final int HEADER_LENGTH = 5;
    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private CipherWarmup() {
    }

    /**
     * Starts the warm-up thread, once per JVM; later calls return at once.
     *
     * @param decryptToo also warm decryption. A client warms encryption only: a send, its bulk
     *     case, encrypts, and compiling the decryption chain kept the single C2 compiler thread
     *     busy for 0.5-0.8 s on the test machine, just when the encryption chain was waiting for
     *     it (a {@code get} still decrypts cold). A server has time to spare and warms both.
     */
    public static void startOnce(boolean decryptToo) {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> runQuietly(decryptToo), "tls-cipher-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private static void runQuietly(boolean decryptToo) {
        try {
            run(RECORDS, decryptToo);
        } catch (GeneralSecurityException e) {
            // Without AES-GCM the handshake picks another suite or fails with its own clear error;
            // a warm-up has nothing to add to that.
        }
    }

    /**
     * Encrypts {@code records} dummy records, and with {@code decryptToo} decrypts each again;
     * returns how many came out whole (round-tripped intact, with {@code decryptToo}).
     */
    static int run(int records, boolean decryptToo) throws GeneralSecurityException {
        SecretKeySpec key = new SecretKeySpec(new byte[KEY_LENGTH], "AES");
        Cipher encrypt = Cipher.getInstance(TRANSFORMATION);
        Cipher decrypt = Cipher.getInstance(TRANSFORMATION);
        byte[] header = new byte[HEADER_LENGTH];
        byte[] record = new byte[RECORD_LENGTH + TAG_BITS / 8];
        byte[] nonce = new byte[NONCE_LENGTH];
        int intact = 0;
        for (int i = 0; i < records; i++) {
            nonce[0] = (byte) i;
            nonce[1] = (byte) (i >>> 8);
            record[0] = (byte) i;
            GCMParameterSpec spec = new GCMParameterSpec(TAG_BITS, nonce);
            encrypt.init(Cipher.ENCRYPT_MODE, key, spec);
            encrypt.updateAAD(header);
            ByteBuffer plain = ByteBuffer.wrap(record, 0, RECORD_LENGTH);
            int sealed = encrypt.doFinal(plain.duplicate(), ByteBuffer.wrap(record));
            if (!decryptToo) {
                intact += sealed == RECORD_LENGTH + TAG_BITS / 8 ? 1 : 0;
                continue;
            }
            decrypt.init(Cipher.DECRYPT_MODE, key, spec);
            decrypt.updateAAD(header);
            ByteBuffer in = ByteBuffer.wrap(record, 0, sealed);
            int opened = decrypt.doFinal(in.duplicate(), ByteBuffer.wrap(record));
            if (opened == RECORD_LENGTH && record[0] == (byte) i) {
                intact++;
            }
        }
        return intact;
    }
}
