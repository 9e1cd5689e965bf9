package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerIdentificationTest {
    private static final Instant NOW = Instant.now();
    private static final CertificateIssuer.Issued CA = CertificateIssuer.certificateAuthority("request-header-ca", NOW.minusSeconds(60), Duration.ofDays(1));
    private static final CertificateIssuer.Issued PROXY = CertificateIssuer.clientCertificate(CA, "front-proxy-client", NOW.minusSeconds(60), Duration.ofDays(1));
    private static final CertificateIssuer.Issued OTHER_CA = CertificateIssuer.certificateAuthority("other", NOW.minusSeconds(60), Duration.ofDays(1));
    private static final CertificateIssuer.Issued STRANGER = CertificateIssuer.clientCertificate(OTHER_CA, "front-proxy-client", NOW.minusSeconds(60), Duration.ofDays(1));
    private static final String PEM = CA.certificatePem();

    private final List<String> reviewedTokens = new ArrayList<>();
    private final CallerIdentification identification = new CallerIdentification(
            new ClientCertificateAuthenticator(ClientCaSource.fromPem(() -> PEM), Set.of("front-proxy-client"), Clock.systemUTC()),
            RequestHeaderNames::defaults,
            new TokenAuthenticator(token -> {
                reviewedTokens.add(token);
                return token.equals("valid-token") ? Optional.of(UserInfo.named("token-user", List.of("devs"))) : Optional.empty();
            }, Duration.ofSeconds(10), Clock.systemUTC(), Runnable::run));

    private record FakeRequest(List<Certificate> peerCertificates, Map<String, List<String>> headers) implements CallerIdentification.Request {
        @Override
        public List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        @Override
        public Iterable<String> headerNames() {
            return headers.keySet();
        }
    }

    private static FakeRequest request(CertificateIssuer.Issued client, String... headerPairs) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.computeIfAbsent(headerPairs[i].toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(headerPairs[i + 1]);
        }
        return new FakeRequest(client == null ? List.of() : List.of(client.certificate()), headers);
    }

    @Test
    void theFrontProxyNamesTheUserInHeaders() {
        CallerIdentification.Outcome outcome = identification.identify(request(PROXY, "X-Remote-User", "hpa", "X-Remote-Group", "system:authenticated")).join();
        assertThat(outcome.user()).isEqualTo(UserInfo.named("hpa", List.of("system:authenticated")));
    }

    @Test
    void everyIdentifiedCallerIsInSystemAuthenticatedAsKubernetesAddsIt() {
        // The aggregator fetches /openapi/v2 as system:aggregator with no group; RBAC lets it in through system:authenticated.
        assertThat(identification.identify(request(PROXY, "X-Remote-User", "system:aggregator")).join().user())
                .isEqualTo(UserInfo.named("system:aggregator", List.of("system:authenticated")));
        assertThat(identification.identify(request(PROXY, "X-Remote-User", "hpa", "X-Remote-Group", "system:serviceaccounts")).join().user().groups())
                .containsExactly("system:serviceaccounts", "system:authenticated");
        assertThat(identification.identify(request(null, "Authorization", "Bearer valid-token")).join().user().groups())
                .containsExactly("devs", "system:authenticated");
        assertThat(identification.identify(request(PROXY, "X-Remote-User", "system:anonymous", "X-Remote-Group", "system:unauthenticated"))
                .join().user().groups()).containsExactly("system:unauthenticated");
    }

    @Test
    void headersFromAnyoneButTheFrontProxyAreIgnored() {
        CallerIdentification.Outcome outcome = identification.identify(request(STRANGER, "X-Remote-User", "system:admin",
                "X-Remote-Group", "system:masters")).join();
        assertThat(outcome.identified()).isFalse();
        assertThat(outcome.rejection()).contains("client certificate not accepted");
        assertThat(identification.identify(request(null, "X-Remote-User", "system:admin")).join().rejection())
                .isEqualTo("no client certificate presented");
    }

    @Test
    void theFrontProxyWithoutAUserIsRejectedNamingTheHeader() {
        assertThat(identification.identify(request(PROXY)).join().rejection()).contains("X-Remote-User");
    }

    @Test
    void aBearerTokenIsReviewed() {
        assertThat(identification.identify(request(null, "Authorization", "Bearer valid-token")).join().user().name()).isEqualTo("token-user");
        CallerIdentification.Outcome rejected = identification.identify(request(STRANGER, "Authorization", "bearer forged")).join();
        assertThat(rejected.rejection()).isEqualTo("bearer token not accepted").doesNotContain("forged");
        assertThat(reviewedTokens).containsExactly("valid-token", "forged");
    }

    @Test
    void theFrontProxysUserWinsOverAToken() {
        assertThat(identification.identify(request(PROXY, "X-Remote-User", "hpa", "Authorization", "Bearer valid-token")).join().user().name())
                .isEqualTo("hpa");
        assertThat(reviewedTokens).isEmpty();
    }

    @Test
    void anUnusableHeaderConfigurationRejectsInsteadOfCrashing() {
        CallerIdentification broken = new CallerIdentification(
                new ClientCertificateAuthenticator(ClientCaSource.fromPem(() -> PEM), Set.of(), Clock.systemUTC()),
                () -> RequestHeaderNames.fromConfigMap(Map.of("requestheader-username-headers", "{")),
                new TokenAuthenticator(token -> Optional.empty(), Duration.ofSeconds(10), Clock.systemUTC(), Runnable::run));
        assertThat(broken.identify(request(PROXY, "X-Remote-User", "hpa")).join().rejection()).contains("requestheader-username-headers");
    }
}
