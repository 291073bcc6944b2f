package dev.netlab.filetransfer.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;

/**
 * The server's TLS identity: a private key and its certificate. Either the server's own
 * self-signed identity, created on first use and kept as PKCS#12 in
 * {@code ~/.netlab/filetransfer/tls/server.p12} ({@link #loadOrCreate(Path)}), or one the user
 * brings with {@code --tls-keystore FILE.p12} ({@link #fromKeystore(Path, char[])}). Clients
 * recognise it by its {@link Fingerprint}. Immutable.
 */
public final class TlsIdentity {

    /**
     * Password of the self-created keystore. It is not a secret: PKCS#12 needs one, and the file
     * is protected as ssh protects its host keys, by being readable only by its owner.
     */
    public static final char[] SELF_CREATED_PASSWORD = "netlab".toCharArray();
    /** Alias of the key entry in the self-created keystore. */
    public static final String ALIAS = "netlab-filetransfer";
    /** EC P-256: a fast TLS 1.3 handshake (ECDSA) and a small certificate. */
    static final String KEY_ALGORITHM = "EC";
    static final String CURVE = "secp256r1";

    private final PrivateKey privateKey;
    private final X509Certificate[] chain;
    private final Path source;

    private TlsIdentity(PrivateKey privateKey, X509Certificate[] chain, Path source) {
        this.privateKey = privateKey;
        this.chain = chain.clone();
        this.source = source;
    }

    /** {@code ~/.netlab/filetransfer/tls/server.p12}: where {@code serve --tls} keeps its identity. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".netlab", "filetransfer", "tls", "server.p12");
    }

    /**
     * Loads the self-created identity kept in {@code p12}, creating the file (and its folders,
     * owner-only where the file system allows) with a new EC P-256 key and self-signed
     * certificate when it does not exist yet. A later call, e.g. after a restart, returns the
     * same identity and so the same fingerprint.
     */
    public static TlsIdentity loadOrCreate(Path p12) throws IOException {
        if (Files.exists(p12)) {
            return fromKeystore(p12, SELF_CREATED_PASSWORD);
        }
        TlsIdentity created = generate(p12);
        try {
            created.writeAtomically(p12);
        } catch (FileAlreadyExistsException e) {
            // Another server created it between our check and our write: use theirs.
            return fromKeystore(p12, SELF_CREATED_PASSWORD);
        }
        return created;
    }

    /**
     * Opens a PKCS#12 keystore the user brings ({@code --tls-keystore}). The first private-key
     * entry is used; its key password must equal the store password, as openssl and keytool
     * write them.
     */
    public static TlsIdentity fromKeystore(Path p12, char[] password) throws IOException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(p12)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(p12.toString(), null, "TLS keystore does not exist");
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("cannot read TLS keystore " + p12
                    + " (wrong password, or not a PKCS#12 file): " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return fromEntry(store, alias, password, p12);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the private key in TLS keystore " + p12
                    + ": " + e.getMessage(), e);
        }
        throw new IOException("TLS keystore " + p12 + " holds no private key entry");
    }

    private static TlsIdentity fromEntry(KeyStore store, String alias, char[] password, Path p12)
            throws GeneralSecurityException, IOException {
        PrivateKey key = (PrivateKey) store.getKey(alias, password);
        Certificate[] certificates = store.getCertificateChain(alias);
        if (certificates == null || certificates.length == 0) {
            throw new IOException("TLS keystore " + p12 + " entry '" + alias + "' has no certificate");
        }
        X509Certificate[] chain = new X509Certificate[certificates.length];
        for (int i = 0; i < certificates.length; i++) {
            chain[i] = (X509Certificate) certificates[i];
        }
        return new TlsIdentity(key, chain, p12);
    }

    private static TlsIdentity generate(Path p12) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
            generator.initialize(new ECGenParameterSpec(CURVE));
            KeyPair keyPair = generator.generateKeyPair();
            X509Certificate certificate = SelfSignedCertificates.create(
                    keyPair, "netlab filetransfer " + localHostName(), Instant.now());
            return new TlsIdentity(keyPair.getPrivate(), new X509Certificate[] {certificate}, p12);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an EC " + CURVE + " key: " + e.getMessage(), e);
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "server";
        }
    }

    /** Writes a temporary owner-only file next to {@code p12}, then moves it into place. */
    private void writeAtomically(Path p12) throws IOException {
        Path dir = p12.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        Path temp = createPrivateFile(dir);
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(ALIAS, privateKey, SELF_CREATED_PASSWORD, chain);
                store.store(out, SELF_CREATED_PASSWORD);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot write TLS keystore " + p12 + ": " + e.getMessage(), e);
            }
            if (Files.exists(p12)) {
                throw new FileAlreadyExistsException(p12.toString());
            }
            try {
                Files.move(temp, p12, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, p12);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (PosixSupport.AVAILABLE) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static Path createPrivateFile(Path dir) throws IOException {
        if (PosixSupport.AVAILABLE) {
            return Files.createTempFile(dir, "server", ".p12.tmp", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, "server", ".p12.tmp");
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The server certificate, whose fingerprint clients check. */
    public X509Certificate certificate() {
        return chain[0];
    }

    /** The certificate chain, server certificate first. */
    public X509Certificate[] chain() {
        return chain.clone();
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(chain[0]);
    }

    /** The keystore file this identity was read from or written to. */
    public Path source() {
        return source;
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + fingerprint() + " from " + Objects.toString(source) + "]";
    }

    /** Whether the default file system understands POSIX permissions (not on Windows). */
    private static final class PosixSupport {
        static final boolean AVAILABLE = java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews().contains("posix");
    }
}
