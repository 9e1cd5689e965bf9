package dev.ebbflow.operator.apiscale;

import dev.ebbflow.operator.metricsapi.CertificateIssuer;
import dev.ebbflow.operator.metricsapi.MetricsApiLoad;
import dev.ebbflow.operator.metricsapi.PemCertificates;
import dev.ebbflow.operator.metricsapi.TlsClients;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Calls the operator's external metrics API as kube-apiserver's aggregator does: over HTTP/2 with the
 * control plane's own front-proxy client certificate and the HPA controller's identity in
 * {@code X-Remote-User}, so the operator checks the certificate against
 * {@code kube-system/extension-apiserver-authentication} and sends a SubjectAccessReview, as on a
 * cluster. The operator serves a certificate issued here, so the client can trust exactly that one.
 */
final class MetricsApiProbe {

    private static final Map<String, String> HPA_CONTROLLER = Map.of(
            "X-Remote-User", "system:serviceaccount:kube-system:horizontal-pod-autoscaler",
            "X-Remote-Group", "system:serviceaccounts");

    private final Path certFile;
    private final Path keyFile;
    private final HttpClient client;

    private MetricsApiProbe(Path certFile, Path keyFile, HttpClient client) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.client = client;
    }

    /** {@code controlPlaneDir}: the state directory of {@code scripts/control-plane.sh}, holding {@code pki/front-proxy-client.*}. */
    static MetricsApiProbe create(Path controlPlaneDir) throws Exception {
        CertificateIssuer.Issued serving = CertificateIssuer.selfSignedServer("ebbflow-metrics-api", List.of("localhost"), List.of("127.0.0.1"),
                Instant.now().minusSeconds(60), Duration.ofDays(1));
        Path dir = Files.createTempDirectory("apiscale-tls");
        Path cert = Files.writeString(dir.resolve("tls.crt"), serving.certificatePem());
        Path key = Files.writeString(dir.resolve("tls.key"), serving.privateKeyPem());
        CertificateIssuer.Issued frontProxy = frontProxyClient(controlPlaneDir.resolve("pki"));
        return new MetricsApiProbe(cert, key, TlsClients.httpClient(serving.certificate(), frontProxy, HttpClient.Version.HTTP_2));
    }

    List<String> operatorArguments() {
        return List.of("--tls-cert-file=" + certFile, "--tls-private-key-file=" + keyFile);
    }

    /**
     * {@code requestsPerSecond} GETs for {@code duration}, open loop, cycling through the given ScaledObjects'
     * metrics; the latencies, or why there are none.
     */
    String load(int port, String namespace, List<String> scaledObjectsAndMetrics, int requestsPerSecond, Duration duration) {
        List<URI> targets = new ArrayList<>();
        for (int i = 0; i + 1 < scaledObjectsAndMetrics.size(); i += 2) {
            String selector = URLEncoder.encode("scaledobject.keda.sh/name=" + scaledObjectsAndMetrics.get(i), StandardCharsets.UTF_8);
            targets.add(URI.create("https://127.0.0.1:" + port + "/apis/external.metrics.k8s.io/v1beta1/namespaces/" + namespace + "/"
                    + scaledObjectsAndMetrics.get(i + 1) + "?labelSelector=" + selector));
        }
        try {
            String connected = connect(targets.get(0), duration);
            return connected + "; then " + MetricsApiLoad.run(client, targets, HPA_CONTROLLER, requestsPerSecond, duration);
        } catch (IllegalStateException e) {
            // The server fell so far behind that answers were still missing 30 s after the last request.
            return "no result: " + e.getMessage() + " (" + e.getCause() + ")";
        }
    }

    /**
     * One request at a time until one is answered, so the load runs on one established HTTP/2 connection as
     * the aggregator's does (Go's transport dials once per host). Without it the JDK client opens a connection
     * for every request sent before the first handshake completes: at 200 req/s against a busy server that
     * is hundreds of TLS handshakes on the server's event loop, which no real caller causes.
     */
    private String connect(URI target, Duration patience) {
        long start = System.nanoTime();
        String last = "no answer";
        while (System.nanoTime() - start < patience.toNanos()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).GET();
            HPA_CONTROLLER.forEach(request::header);
            try {
                int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return String.format("first answer after %.1f s", (System.nanoTime() - start) / 1e9);
                }
                last = "HTTP " + status;
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return String.format("no answer in %d s (last: %s)", patience.toSeconds(), last);
    }

    private static CertificateIssuer.Issued frontProxyClient(Path pki) throws Exception {
        X509Certificate certificate = PemCertificates.parse(Files.readString(pki.resolve("front-proxy-client.crt")), "front-proxy-client.crt").get(0);
        String keyPem = Files.readString(pki.resolve("front-proxy-client.key"));
        byte[] der = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
        return new CertificateIssuer.Issued(certificate, key);
    }
}
