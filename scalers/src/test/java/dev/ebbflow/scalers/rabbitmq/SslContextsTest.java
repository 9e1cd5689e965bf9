package dev.ebbflow.scalers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.scalers.ScalerConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class SslContextsTest {

    static final String CA = TestPem.read("ca.pem");
    static final String SERVER_CERT = TestPem.read("server.pem");
    static final String SERVER_KEY = TestPem.read("server-pkcs8.key");
    static final String CLIENT_CERT = TestPem.read("client.pem");

    static SSLContext serverContext() throws ScalerConfigException {
        return SslContexts.build(new TlsSettings(true, CA, SERVER_CERT, SERVER_KEY, null, false));
    }

    /** Runs one handshake against a server that requires (or not) a client certificate; returns whether it succeeded. */
    private static boolean handshake(SSLContext client, boolean needClientAuth) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) serverContext().getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(needClientAuth);
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                    s.getOutputStream().write(1);
                } catch (IOException ignored) {
                    // the client side reports the outcome
                }
            });
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                s.setSoTimeout(5000);
                s.startHandshake();
                return s.getInputStream().read() == 1;
            } catch (IOException e) {
                return false;
            } finally {
                accepted.get(5, TimeUnit.SECONDS);
            }
        }
    }

    private static SSLContext client(String ca, String key, String keyPassword, boolean unsafe) throws ScalerConfigException {
        return SslContexts.build(new TlsSettings(true, ca, key == null ? null : CLIENT_CERT, key, keyPassword, unsafe));
    }

    @Test
    void clientCertificateInEveryKeyFormat() throws Exception {
        assertThat(handshake(client(CA, TestPem.read("client-pkcs8.key"), null, false), true)).isTrue();
        assertThat(handshake(client(CA, TestPem.read("client-pkcs1.key"), null, false), true)).isTrue();
        assertThat(handshake(client(CA, TestPem.read("client-encrypted.key"), "key-pass", false), true)).isTrue();
    }

    @Test
    void withoutClientCertificateAServerThatRequiresOneRefuses() throws Exception {
        assertThat(handshake(client(CA, null, null, false), true)).isFalse();
    }

    @Test
    void privateCaIsTrustedOnlyWhenGivenOrWhenUnsafe() throws Exception {
        assertThat(handshake(client(CA, null, null, false), false)).isTrue();
        assertThat(handshake(SslContexts.build(new TlsSettings(true, null, null, null, null, false)), false)).isFalse();
        assertThat(handshake(SslContexts.build(new TlsSettings(false, null, null, null, null, true)), false)).isTrue();
    }

    @Test
    void badMaterialNamesTheField() {
        String key = TestPem.read("client-encrypted.key");
        assertThatThrownBy(() -> client(CA, key, "wrong", false)).isInstanceOf(ScalerConfigException.class)
                .satisfies(e -> assertThat(((ScalerConfigException) e).field()).isEqualTo("metadata.keyPassword"))
                .hasMessageNotContaining("wrong");
        assertThatThrownBy(() -> client(CA, key, null, false))
                .satisfies(e -> assertThat(((ScalerConfigException) e).field()).isEqualTo("metadata.keyPassword"));
        assertThatThrownBy(() -> client(CA, "not a key", null, false))
                .satisfies(e -> assertThat(((ScalerConfigException) e).field()).isEqualTo("metadata.key"));
        assertThatThrownBy(() -> client(CA, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----", null, false))
                .satisfies(e -> assertThat(((ScalerConfigException) e).field()).isEqualTo("metadata.key"));
        assertThatThrownBy(() -> client("garbage", null, null, false))
                .satisfies(e -> assertThat(((ScalerConfigException) e).field()).isEqualTo("metadata.ca"));
        assertThatThrownBy(() -> SslContexts.build(new TlsSettings(true, CA, "garbage", TestPem.read("client-pkcs8.key"), null, false)))
                .satisfies(e -> assertThat(((ScalerConfigException) e).field()).isEqualTo("metadata.cert"));
    }

    @Test
    void equalSettingsShareOneContext() throws Exception {
        SslContexts cache = new SslContexts();
        TlsSettings a = new TlsSettings(true, CA, null, null, null, false);
        assertThat(cache.forSettings(a)).isSameAs(cache.forSettings(new TlsSettings(true, CA, null, null, null, false)));
        assertThat(cache.forSettings(a)).isNotSameAs(cache.forSettings(new TlsSettings(true, CA, null, null, null, true)));
    }
}
