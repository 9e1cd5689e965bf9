package dev.ebbflow.operator.metricsapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Authenticates a bearer token by asking the API server (a TokenReview), as delegated authentication
 * does, caching the answer, accepted or not, for a while ({@code --authentication-token-webhook-cache-ttl},
 * 10 s by default). The cache is keyed by the token's SHA-256, so no token is kept in memory longer
 * than its request.
 */
public final class TokenAuthenticator {
    /** Asks the API server; empty when the token is not valid; throws when it got no answer. */
    @FunctionalInterface
    public interface TokenReviewer {
        Optional<UserInfo> review(String token) throws Exception;
    }

    public static final Duration KUBERNETES_DEFAULT_TTL = Duration.ofSeconds(10);

    private final TokenReviewer reviewer;
    private final CachedLookups<String, Optional<UserInfo>> answers;

    public TokenAuthenticator(TokenReviewer reviewer, Duration ttl, Clock clock, Executor executor) {
        this.reviewer = reviewer;
        this.answers = new CachedLookups<>(clock, executor, ttl, answer -> ttl);
    }

    public CompletableFuture<Optional<UserInfo>> authenticate(String token) {
        // The token itself travels only inside the lookup, never into the cache key.
        return answers.get(sha256(token), digest -> reviewer.review(token));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
