package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class ClientCertificateAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final CertificateIssuer.Issued ca = CertificateIssuer.certificateAuthority("ca", NOW.minus(Duration.ofDays(1)), Duration.ofDays(30));

    private ClientCertificateAuthenticator authenticator(Set<String> allowed) {
        return new ClientCertificateAuthenticator(() -> List.of(ca.certificate()), allowed, CLOCK);
    }

    private CertificateIssuer.Issued client(String cn, Instant notBefore, Duration validity) {
        return CertificateIssuer.clientCertificate(ca, cn, notBefore, validity);
    }

    @Test
    void acceptsAnyCommonNameWhenAllowedNamesAreEmpty() {
        var result = authenticator(Set.of()).authenticate(List.of(client("anyone", NOW.minusSeconds(10), Duration.ofDays(1)).certificate()));
        assertThat(result.authenticated()).isTrue();
        assertThat(result.commonName()).isEqualTo("anyone");
    }

    @Test
    void acceptsAChainThatIncludesTheCa() {
        var leaf = client("front-proxy-client", NOW.minusSeconds(10), Duration.ofDays(1));
        assertThat(authenticator(Set.of("front-proxy-client")).authenticate(List.of(leaf.certificate(), ca.certificate())).authenticated()).isTrue();
    }

    @Test
    void rejectsExpiredAndNotYetValidCertificates() {
        var expired = client("front-proxy-client", NOW.minus(Duration.ofDays(1)), Duration.ofHours(1));
        var future = client("front-proxy-client", NOW.plus(Duration.ofDays(1)), Duration.ofDays(1));
        assertThat(authenticator(Set.of()).authenticate(List.of(expired.certificate())).authenticated()).isFalse();
        assertThat(authenticator(Set.of()).authenticate(List.of(future.certificate())).authenticated()).isFalse();
    }

    @Test
    void rejectsTheCaCertificateItselfAndServerOnlyCertificates() {
        assertThat(authenticator(Set.of()).authenticate(List.of(ca.certificate())).authenticated()).isFalse();
        var serverOnly = CertificateIssuer.selfSignedServer("front-proxy-client", List.of("x"), List.of(), NOW.minusSeconds(10), Duration.ofDays(1));
        var viaServerCa = new ClientCertificateAuthenticator(() -> List.of(serverOnly.certificate()), Set.of(), CLOCK);
        assertThat(viaServerCa.authenticate(List.of(serverOnly.certificate())).reason()).contains("client authentication");
    }

    @Test
    void allowedNamesFromALiveSourceApplyAndAnUnusableSourceRejects() {
        var intruder = client("intruder", NOW.minusSeconds(10), Duration.ofDays(1)).certificate();
        var proxy = client("front-proxy-client", NOW.minusSeconds(10), Duration.ofDays(1)).certificate();
        var fromConfigMap = new ClientCertificateAuthenticator(() -> List.of(ca.certificate()), () -> Set.of("front-proxy-client"), CLOCK);
        assertThat(fromConfigMap.authenticate(List.of(proxy)).authenticated()).isTrue();
        assertThat(fromConfigMap.authenticate(List.of(intruder)).reason()).contains("\"intruder\" is not in requestheader-allowed-names");
        var broken = new ClientCertificateAuthenticator(() -> List.of(ca.certificate()), () -> {
            throw new IllegalArgumentException("requestheader-allowed-names must be a JSON array of names, got x");
        }, CLOCK);
        assertThat(broken.authenticate(List.of(proxy)).reason()).startsWith("requestheader-allowed-names unusable: ");
    }

    @Test
    void rejectsWhenTheCaCannotBeRead() {
        var broken = new ClientCertificateAuthenticator(ClientCaSource.fromPem(() -> "garbage"), Set.of(), CLOCK);
        var result = broken.authenticate(List.of(client("a", NOW.minusSeconds(10), Duration.ofDays(1)).certificate()));
        assertThat(result.authenticated()).isFalse();
        assertThat(result.reason()).contains("requestheader-client-ca-file");
    }

    @Test
    void aCachedVerdictEndsWhenTheCertificateExpiresOrTheCaRotates() {
        Instant[] now = {NOW};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        List<java.security.cert.X509Certificate>[] anchors = new List[] {List.of(ca.certificate())};
        var checker = new ClientCertificateAuthenticator(() -> anchors[0], Set.of(), moving);
        var shortLived = client("front-proxy-client", NOW.minusSeconds(10), Duration.ofSeconds(20));

        assertThat(checker.authenticate(List.of(shortLived.certificate())).authenticated()).isTrue();
        now[0] = NOW.plusSeconds(11);
        assertThat(checker.authenticate(List.of(shortLived.certificate())).authenticated()).isFalse();

        var fresh = client("front-proxy-client", NOW.minusSeconds(10), Duration.ofDays(1));
        assertThat(checker.authenticate(List.of(fresh.certificate())).authenticated()).isTrue();
        anchors[0] = List.of(CertificateIssuer.certificateAuthority("rotated", NOW, Duration.ofDays(30)).certificate());
        assertThat(checker.authenticate(List.of(fresh.certificate())).authenticated()).isFalse();
    }

    @Test
    void fileSourceFollowsARotatedCa(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
        ClientCaSource source = ClientCaSource.fromFile(file);
        assertThat(source.certificates()).containsExactly(ca.certificate());
        var rotated = CertificateIssuer.certificateAuthority("ca-2", NOW, Duration.ofDays(30));
        Files.writeString(file, rotated.certificatePem());
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(source.certificates()).containsExactly(rotated.certificate());
    }
}
