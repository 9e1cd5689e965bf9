package dev.ebbflow.operator.autoscaling;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An HTTPS client that trusts the operator's self-signed serving certificate. Only for tests of the
 * controller's answers: the metrics API's own tests check TLS and client certificates properly.
 */
final class InsecureHttps {

    private InsecureHttps() {
    }

    static HttpClient client(HttpClient.Version version) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm(null);
        return HttpClient.newBuilder().version(version).sslContext(ssl).sslParameters(params).build();
    }
}
