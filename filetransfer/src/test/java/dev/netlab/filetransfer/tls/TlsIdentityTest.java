package dev.netlab.filetransfer.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class TlsIdentityTest {

    @TempDir
    Path dir;

    @Test
    void createsSelfSignedEcIdentityOnFirstUseAndReusesItAfterRestart() throws Exception {
        Path p12 = dir.resolve("home/.netlab/filetransfer/tls/server.p12");

        TlsIdentity created = TlsIdentity.loadOrCreate(p12);
        TlsIdentity reloaded = TlsIdentity.loadOrCreate(p12);

        assertThat(p12).isRegularFile();
        assertThat(reloaded.fingerprint()).isEqualTo(created.fingerprint());
        assertThat(reloaded.certificate()).isEqualTo(created.certificate());
        X509Certificate certificate = created.certificate();
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=netlab filetransfer ");
        assertThat(Files.getPosixFilePermissions(p12)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(p12.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var leftovers = Files.list(p12.getParent())) {
            assertThat(leftovers).containsExactly(p12);
        }
    }

    @Test
    void fingerprintIsSha256OfTheDerCertificateInSshNotation() throws Exception {
        TlsIdentity identity = TlsIdentity.loadOrCreate(dir.resolve("server.p12"));

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.certificate().getEncoded());

        assertThat(identity.fingerprint()).hasToString(
                "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
        assertThat(identity.fingerprint().toString()).matches("SHA256:[A-Za-z0-9+/]{43}");
    }

    @Test
    void twoServersGetDifferentIdentities() throws Exception {
        assertThat(TlsIdentity.loadOrCreate(dir.resolve("a.p12")).fingerprint())
                .isNotEqualTo(TlsIdentity.loadOrCreate(dir.resolve("b.p12")).fingerprint());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void servesTlsWithAUserRsaKeystore() throws Exception {
        Path p12 = dir.resolve("mine.p12");
        X509Certificate certificate = writeRsaKeystore(p12, "s3cret".toCharArray());

        TlsIdentity identity = TlsIdentity.fromKeystore(p12, "s3cret".toCharArray());

        assertThat(identity.fingerprint()).isEqualTo(Fingerprint.of(certificate));
        TlsAcceptor acceptor = TlsAcceptor.create(identity);
        TlsConnector connector = TlsConnector.create(
                new KnownServers(dir.resolve("known_servers")), identity.fingerprint(), notice -> { });
        byte[] data = {1, 2, 3, 4};
        try (LoopbackServer server = LoopbackServer.start(accepted -> {
            try (TlsConnection ssl = acceptor.accept(accepted)) {
                DigestEcho.serve(ssl);
            }
        });
             TlsConnection ssl = connector.connect(
                     new Socket(InetAddress.getLoopbackAddress(), server.port()), "127.0.0.1", server.port())) {
            assertThat(DigestEcho.send(ssl, data)).isEqualTo(DigestEcho.sha256(data));
        }
    }

    @Test
    void refusesKeystoreWithWrongPasswordNamingTheFile() throws Exception {
        Path p12 = dir.resolve("mine.p12");
        writeRsaKeystore(p12, "s3cret".toCharArray());

        assertThatThrownBy(() -> TlsIdentity.fromKeystore(p12, "guess".toCharArray()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot read TLS keystore " + p12 + " (wrong password, or not a PKCS#12 file): ");
    }

    @Test
    void refusesMissingKeystoreNamingTheFile() {
        Path p12 = dir.resolve("absent.p12");

        assertThatThrownBy(() -> TlsIdentity.fromKeystore(p12, "x".toCharArray()))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(p12 + ": TLS keystore does not exist");
    }

    @Test
    void refusesKeystoreWithoutPrivateKey() throws Exception {
        Path p12 = dir.resolve("certs-only.p12");
        X509Certificate certificate = writeRsaKeystore(dir.resolve("mine.p12"), "pw".toCharArray());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", certificate);
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, "pw".toCharArray());
        }

        assertThatThrownBy(() -> TlsIdentity.fromKeystore(p12, "pw".toCharArray()))
                .hasMessage("TLS keystore " + p12 + " holds no private key entry");
    }

    /** A keystore as a user might bring one: RSA-2048, their own password and alias. */
    private static X509Certificate writeRsaKeystore(Path p12, char[] password) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keyPair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=files.example.test");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
                        Date.from(now.plusSeconds(86_400)), name, keyPair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("my-server", keyPair.getPrivate(), password, new X509Certificate[] {certificate});
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, password);
        }
        return certificate;
    }
}
