package dev.ebbflow.provisioner.azure;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The HTTP client of the Azure APIs: the JVM's trusted CAs, or only the PEM certificates of one file (a test's or a private endpoint's). */
public final class AzureHttp {

    private AzureHttp() {
    }

    public static HttpClient client(Optional<Path> trustedCertificates) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (trustedCertificates.isPresent()) {
            builder.sslContext(trusting(trustedCertificates.get()));
        }
        return builder.build();
    }

    static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("azure-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException(pem + ": no PEM certificate in it");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + ": cannot be read as PEM certificates: " + e.getMessage(), e);
        }
    }
}
