package dev.ebbflow.operator.metricsapi;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Decides whether a TLS client is the API server's aggregator: its certificate chain must lead to the
 * request-header CA, be valid now, be meant for client authentication, and its CN must be one of
 * {@code requestheader-allowed-names} (an empty set allows any CN), as kube-apiserver itself checks.
 * The allowed names may come from a live source (the cluster's ConfigMap); they are read on each
 * verification, so a change applies within {@link #VERDICT_TTL}.
 */
public final class ClientCertificateAuthenticator {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";

    /** The outcome: the accepted CN, or why the caller was rejected. */
    public record Result(boolean authenticated, String commonName, String reason) {
        static Result accepted(String commonName) {
            return new Result(true, commonName, null);
        }

        static Result rejected(String reason) {
            return new Result(false, null, reason);
        }
    }

    /** How long a verified chain is trusted without re-running PKIX; short, so an expired or rotated CA bites soon. */
    private static final Duration VERDICT_TTL = Duration.ofSeconds(30);
    private static final int MAX_VERDICTS = 1024;

    private record Verdict(Result result, Instant until) {
    }

    private record VerdictKey(List<? extends Certificate> chain, List<X509Certificate> anchors) {
    }

    private final ClientCaSource caSource;
    private final Supplier<Set<String>> allowedNames;
    private final Clock clock;
    // The aggregator sends the same certificate on every request: verifying its chain (signature checks)
    // once per connection burst instead of per request keeps the check off the latency path.
    private final ConcurrentMap<VerdictKey, Verdict> verdicts = new ConcurrentHashMap<>();

    public ClientCertificateAuthenticator(ClientCaSource caSource, Set<String> allowedNames, Clock clock) {
        this(caSource, constant(Set.copyOf(allowedNames)), clock);
    }

    /** @param allowedNames read at each verification; it may throw, which rejects the caller with its message */
    public ClientCertificateAuthenticator(ClientCaSource caSource, Supplier<Set<String>> allowedNames, Clock clock) {
        this.caSource = caSource;
        this.allowedNames = allowedNames;
        this.clock = clock;
    }

    private static Supplier<Set<String>> constant(Set<String> names) {
        return () -> names;
    }

    /** @param chain the peer's certificates, leaf first; empty when the client presented none */
    public Result authenticate(List<? extends Certificate> chain) {
        List<X509Certificate> anchors;
        try {
            anchors = caSource.certificates();
        } catch (RuntimeException e) {
            return Result.rejected("request-header CA unavailable: " + e.getMessage());
        }
        Instant now = clock.instant();
        VerdictKey key = new VerdictKey(List.copyOf(chain), anchors);
        Verdict cached = verdicts.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.result();
        }
        Result result = verify(chain, anchors);
        if (verdicts.size() >= MAX_VERDICTS) {
            verdicts.clear();
        }
        Instant until = now.plus(VERDICT_TTL);
        if (!chain.isEmpty() && chain.get(0) instanceof X509Certificate leaf && leaf.getNotAfter().toInstant().isBefore(until)) {
            until = leaf.getNotAfter().toInstant();
        }
        verdicts.put(key, new Verdict(result, until));
        return result;
    }

    private Result verify(List<? extends Certificate> chain, List<X509Certificate> anchors) {
        if (chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
            return Result.rejected("no client certificate presented");
        }
        if (leaf.getBasicConstraints() >= 0) {
            // A CA certificate names no client; without this, the CA itself would validate as its own path.
            return Result.rejected("client certificate is a CA certificate");
        }
        String chainProblem = verifyChain(chain, anchors);
        if (chainProblem != null) {
            return Result.rejected("client certificate not accepted: " + chainProblem);
        }
        if (!allowsClientAuth(leaf)) {
            return Result.rejected("client certificate is not valid for client authentication");
        }
        String commonName = commonName(leaf);
        Set<String> allowed;
        try {
            allowed = allowedNames.get();
        } catch (RuntimeException e) {
            return Result.rejected("requestheader-allowed-names unusable: " + e.getMessage());
        }
        if (!allowed.isEmpty() && !allowed.contains(commonName)) {
            return Result.rejected("client certificate CN \"" + commonName + "\" is not in requestheader-allowed-names");
        }
        return Result.accepted(commonName);
    }

    private String verifyChain(List<? extends Certificate> chain, List<X509Certificate> anchors) {
        if (anchors.isEmpty()) {
            return "no request-header CA configured";
        }
        try {
            Set<TrustAnchor> trustAnchors = anchors.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toSet());
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            // No CRL/OCSP endpoints exist for cluster CAs; kube-apiserver does not check revocation either.
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(withoutAnchors(chain, anchors)), parameters);
            return null;
        } catch (GeneralSecurityException e) {
            return e.getMessage();
        }
    }

    private static List<Certificate> withoutAnchors(List<? extends Certificate> chain, List<X509Certificate> anchors) {
        // A client may send its CA along; PKIX wants the path without the trust anchor. The leaf always stays,
        // so presenting the CA certificate itself still has to validate as a path.
        List<Certificate> path = new java.util.ArrayList<>();
        path.add(chain.get(0));
        chain.stream().skip(1).filter(c -> !anchors.contains(c)).forEach(path::add);
        return path;
    }

    private static boolean allowsClientAuth(X509Certificate leaf) {
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            return usages == null || usages.contains(CLIENT_AUTH) || usages.contains(ANY_USAGE);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return "";
        } catch (InvalidNameException e) {
            return "";
        }
    }
}
