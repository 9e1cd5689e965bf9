package dev.ebbflow.operator.metricsapi;

import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** HTTPS clients for tests and the load generator: trust one server certificate, optionally present a client certificate. */
public final class TlsClients {
    private static final char[] PASSWORD = "test-only".toCharArray();

    private TlsClients() {
    }

    /** @param clientCertificate null for a client that presents no certificate */
    public static HttpClient httpClient(X509Certificate serverCertificate, CertificateIssuer.Issued clientCertificate) {
        return httpClient(serverCertificate, clientCertificate, HttpClient.Version.HTTP_1_1);
    }

    public static HttpClient httpClient(X509Certificate serverCertificate, CertificateIssuer.Issued clientCertificate, HttpClient.Version version) {
        return HttpClient.newBuilder()
                .version(version)
                .connectTimeout(Duration.ofSeconds(10))
                .sslContext(sslContext(serverCertificate, clientCertificate))
                .build();
    }

    public static SSLContext sslContext(X509Certificate serverCertificate, CertificateIssuer.Issued clientCertificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", serverCertificate);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (clientCertificate != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", clientCertificate.privateKey(), PASSWORD, new Certificate[] {clientCertificate.certificate()});
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a test TLS context", e);
        }
    }

    public static X509Certificate serverCertificate(ServingCertificate serving) {
        return PemCertificates.parse(serving.certificatePem(), "serving certificate").get(0);
    }
}
