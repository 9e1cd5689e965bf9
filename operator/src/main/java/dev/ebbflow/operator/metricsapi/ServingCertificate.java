package dev.ebbflow.operator.metricsapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The certificate the metrics API serves: PEM files mounted from a Secret, or, when none are given,
 * a self-signed one made at start (the APIService then needs {@code insecureSkipTLSVerify} or this
 * certificate as its caBundle).
 */
public final class ServingCertificate {
    private final String certificatePem;
    private final String privateKeyPem;

    private ServingCertificate(String certificatePem, String privateKeyPem) {
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
    }

    public static ServingCertificate fromFiles(Path certificateFile, Path keyFile) {
        String certificate = read(certificateFile, "certificate file");
        String key = read(keyFile, "key file");
        PemCertificates.parse(certificate, certificateFile.toString());
        if (!key.contains("PRIVATE KEY-----")) {
            throw new IllegalArgumentException(keyFile + ": no PEM private key found");
        }
        return new ServingCertificate(certificate, key);
    }

    public static ServingCertificate fromPem(String certificatePem, String privateKeyPem) {
        return new ServingCertificate(certificatePem, privateKeyPem);
    }

    /** A fresh self-signed certificate for {@code dnsNames} (plus localhost/loopback), valid for a year. */
    public static ServingCertificate selfSigned(List<String> dnsNames, Clock clock) {
        List<String> names = new java.util.ArrayList<>(dnsNames);
        if (!names.contains("localhost")) {
            names.add("localhost");
        }
        CertificateIssuer.Issued issued = CertificateIssuer.selfSignedServer(names.get(0), names, List.of("127.0.0.1", "::1"),
                clock.instant().minus(Duration.ofMinutes(5)), Duration.ofDays(365));
        return new ServingCertificate(issued.certificatePem(), issued.privateKeyPem());
    }

    /** The certificate in PEM, e.g. for an APIService caBundle. */
    public String certificatePem() {
        return certificatePem;
    }

    /** The certificate and key as Vert.x serves them. */
    public PemKeyCertOptions keyCertOptions() {
        return new PemKeyCertOptions().addCertValue(Buffer.buffer(certificatePem)).addKeyValue(Buffer.buffer(privateKeyPem));
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLS " + what + " " + file, e);
        }
    }
}
