package dev.ebbflow.operator.metricsapi;

import java.security.cert.Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Finds out who made a request, in the order Kubernetes' delegated authentication tries: the front
 * proxy's client certificate with the user it names in request headers (trusted only with that
 * certificate), then a bearer token reviewed by the API server. Requests with neither are rejected
 * (no anonymous user: the only callers this API has are the aggregator and, for tests, token holders).
 */
public final class CallerIdentification {
    /** Either the caller, or why it was not accepted. */
    public record Outcome(UserInfo user, String rejection) {
        static Outcome of(UserInfo user) {
            return new Outcome(user.authenticated(), null);
        }

        static Outcome rejected(String reason) {
            return new Outcome(null, reason);
        }

        public boolean identified() {
            return user != null;
        }
    }

    /** What the identification reads of a request. */
    public interface Request {
        List<? extends Certificate> peerCertificates();

        /** Every value of a header, case-insensitive by name. */
        List<String> header(String name);

        Iterable<String> headerNames();
    }

    private static final String BEARER = "bearer ";

    private final ClientCertificateAuthenticator frontProxy;
    private final Supplier<RequestHeaderNames> headerNames;
    private final TokenAuthenticator tokens;

    public CallerIdentification(ClientCertificateAuthenticator frontProxy, Supplier<RequestHeaderNames> headerNames, TokenAuthenticator tokens) {
        this.frontProxy = frontProxy;
        this.headerNames = headerNames;
        this.tokens = tokens;
    }

    /** Completes at once unless a token has to be reviewed. */
    public CompletableFuture<Outcome> identify(Request request) {
        ClientCertificateAuthenticator.Result certificate = frontProxy.authenticate(request.peerCertificates());
        RequestHeaderNames names;
        try {
            names = headerNames.get();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.rejected("request-header configuration unusable: " + e.getMessage()));
        }
        if (certificate.authenticated()) {
            Function<String, List<String>> headers = request::header;
            Optional<UserInfo> user = names.user(headers, request.headerNames());
            if (user.isPresent()) {
                return CompletableFuture.completedFuture(Outcome.of(user.get()));
            }
        }
        Optional<String> token = bearerToken(request);
        if (token.isPresent()) {
            return tokens.authenticate(token.get())
                    .thenApply(user -> user.map(Outcome::of).orElseGet(() -> Outcome.rejected("bearer token not accepted")));
        }
        return CompletableFuture.completedFuture(Outcome.rejected(certificate.authenticated()
                ? "the front proxy named no user in " + names.usernameHeaders()
                : certificate.reason()));
    }

    private static Optional<String> bearerToken(Request request) {
        for (String value : request.header("Authorization")) {
            if (value.length() > BEARER.length() && value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
                String token = value.substring(BEARER.length()).trim();
                if (!token.isEmpty()) {
                    return Optional.of(token);
                }
            }
        }
        return Optional.empty();
    }
}
