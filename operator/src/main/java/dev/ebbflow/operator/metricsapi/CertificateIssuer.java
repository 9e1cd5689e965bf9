package dev.ebbflow.operator.metricsapi;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes X.509 certificates: the self-signed serving certificate the metrics API uses when none is
 * mounted, and (for tests and local setups) CAs and client certificates they sign.
 * EC P-256 keys: fast to generate at start-up and accepted by the API server's aggregator.
 */
public final class CertificateIssuer {
    /** A certificate with its private key, both printable as PEM. */
    public record Issued(X509Certificate certificate, PrivateKey privateKey) {
        public String certificatePem() {
            return pem(certificate);
        }

        /** PKCS#8 ("PRIVATE KEY"), the key form every PEM reader here (Vert.x, kubectl, openssl) accepts. */
        public String privateKeyPem() {
            String base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(privateKey.getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    public static Issued certificateAuthority(String commonName, Instant notBefore, Duration validity) {
        KeyPair keys = newKeyPair();
        return sign(commonName, keys, null, notBefore, validity, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        });
    }

    /** A self-signed server certificate valid for the given DNS names and IP addresses. */
    public static Issued selfSignedServer(String commonName, List<String> dnsNames, List<String> ipAddresses, Instant notBefore, Duration validity) {
        KeyPair keys = newKeyPair();
        return sign(commonName, keys, null, notBefore, validity, builder -> {
            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        });
    }

    /** A client certificate with subject CN {@code commonName}, signed by {@code issuer}. */
    public static Issued clientCertificate(Issued issuer, String commonName, Instant notBefore, Duration validity) {
        KeyPair keys = newKeyPair();
        return sign(commonName, keys, issuer, notBefore, validity, builder -> {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        });
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException, GeneralSecurityException;
    }

    private static Issued sign(String commonName, KeyPair keys, Issued issuer, Instant notBefore, Duration validity, Extensions extensions) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.privateKey();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(96, RANDOM).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notBefore.plus(validity)), subject, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            if (issuer != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer.certificate()));
            }
            extensions.add(builder);
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey)));
            return new Issued(certificate, keys.getPrivate());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not issue a certificate for CN=" + commonName, e);
        }
    }

    /** The issuer's own kind of signature: its keys are EC P-256, a cluster's CA (e.g. the front-proxy CA) is often RSA. */
    private static String signatureAlgorithm(PrivateKey signingKey) {
        return "RSA".equals(signingKey.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is unavailable in this JVM", e);
        }
    }
}
