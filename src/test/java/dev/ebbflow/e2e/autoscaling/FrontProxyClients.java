package dev.ebbflow.e2e.autoscaling;

import dev.ebbflow.operator.metricsapi.CertificateIssuer;
import dev.ebbflow.testkit.kube.ControlPlane;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS clients that present a certificate signed by the control plane's front-proxy CA (the CA whose
 * client certificates an aggregated API server trusts to name users in request headers), with a common
 * name of the test's choosing, to call the operator's metrics API directly as the aggregator would.
 */
final class FrontProxyClients {

    private static final char[] PASSWORD = "test-only".toCharArray();

    private final CertificateIssuer.Issued ca;

    private FrontProxyClients(CertificateIssuer.Issued ca) {
        this.ca = ca;
    }

    /** The front-proxy CA of the control plane, from its state directory ({@code pki/front-proxy-ca.{crt,key}}, PKCS#8 key). */
    static FrontProxyClients of(ControlPlane cp) throws Exception {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cp.frontProxyCa())));
        String keyPem = Files.readString(cp.stateDir().resolve("pki/front-proxy-ca.key"));
        byte[] der = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
        return new FrontProxyClients(new CertificateIssuer.Issued(certificate, key));
    }

    /** A GET of {@code uri} with a client certificate that says {@code commonName}, trusting only {@code server}. */
    HttpResponse<String> get(String commonName, X509Certificate server, URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client(commonName, server).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpClient client(String commonName, X509Certificate server) throws Exception {
        CertificateIssuer.Issued issued = CertificateIssuer.clientCertificate(ca, commonName, Instant.now().minusSeconds(60), Duration.ofHours(1));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", issued.privateKey(), PASSWORD, new Certificate[] {issued.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", server);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
