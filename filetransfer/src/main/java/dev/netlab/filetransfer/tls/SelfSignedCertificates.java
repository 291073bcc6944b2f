package dev.netlab.filetransfer.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the self-signed server certificate with BouncyCastle's bcpkix. The signature is made by
 * the JDK's own JCA provider (no BouncyCastle provider is registered), so the certificate works
 * with JSSE unchanged. Clients never check the certificate's name or dates, only its fingerprint
 * (see {@link ServerIdentityPolicy}), so the validity is long: regenerating an identity forces every
 * client to re-trust it.
 */
final class SelfSignedCertificates {

    /** The signature that matches the EC P-256 key {@link TlsIdentity} generates. */
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /** Backdated so a client whose clock is a little behind does not see a future certificate. */
    static final Duration BACKDATE = Duration.ofDays(1);
    /** About 30 years: the identity lives as long as its file; expiry would only break TOFU pins. */
    static final Duration VALIDITY = Duration.ofDays(30 * 365);
    /** RFC 5280 allows serials up to 20 bytes; 127 random bits stay positive and unique. */
    private static final int SERIAL_BITS = 127;

    private SelfSignedCertificates() {
    }

    static X509Certificate create(KeyPair keyPair, String commonName, Instant now) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.O, "netlab")
                .build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(SERIAL_BITS, new SecureRandom()),
                Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(VALIDITY)),
                subject,
                keyPair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                    .build(keyPair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot build self-signed certificate for '"
                    + commonName + "': " + e.getMessage(), e);
        }
    }
}
