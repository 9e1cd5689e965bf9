package dev.ebbflow.operator.metricsapi;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** Parses PEM certificate bundles such as {@code requestheader-client-ca-file}. */
public final class PemCertificates {
    private PemCertificates() {
    }

    /**
     * All certificates in a PEM bundle.
     *
     * @param source names where the text came from, for the error message
     */
    public static List<X509Certificate> parse(String pem, String source) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException(source + ": no PEM certificate found");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (CertificateException e) {
            throw new IllegalArgumentException(source + ": malformed PEM certificate: " + e.getMessage(), e);
        }
    }
}
