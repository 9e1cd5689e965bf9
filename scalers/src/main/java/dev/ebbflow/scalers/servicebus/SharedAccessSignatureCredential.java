package dev.ebbflow.scalers.servicebus;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import reactor.core.publisher.Mono;

/**
 * Service Bus shared access signatures as a {@link TokenCredential}, so the administration client
 * can be pointed at any namespace authority (host and port), which the SDK's connection string
 * path cannot (it keeps the host only). A key signs, as Microsoft documents, the URL-encoded
 * resource URI and expiry with HMAC-SHA256; a ready-made signature is sent as is.
 */
final class SharedAccessSignatureCredential implements TokenCredential {

    /** How long a signed token is valid; re-signed when less than {@link #RENEW_BEFORE} remains. */
    static final Duration VALIDITY = Duration.ofHours(1);
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final String resourceUri;
    private final String keyName;
    private final String key;
    private final String signature;
    private final Clock clock;
    private AccessToken current; // guarded by this

    private SharedAccessSignatureCredential(String resourceUri, String keyName, String key, String signature, Clock clock) {
        this.resourceUri = resourceUri;
        this.keyName = keyName;
        this.key = key;
        this.signature = signature;
        this.clock = clock;
    }

    /** Signs tokens for the namespace at {@code host} (the audience is the namespace, whatever the port). */
    static SharedAccessSignatureCredential forKey(String host, String keyName, String key, Clock clock) {
        return new SharedAccessSignatureCredential("https://" + host.toLowerCase(java.util.Locale.ROOT), keyName, key, null, clock);
    }

    static SharedAccessSignatureCredential forSignature(String signature, Clock clock) {
        return new SharedAccessSignatureCredential(null, null, null, signature, clock);
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromCallable(this::token);
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        return token();
    }

    synchronized AccessToken token() {
        Instant now = clock.instant();
        if (signature != null) {
            // The expiry is the signer's business; Service Bus answers 401 once it passed, which the read reports.
            return new AccessToken(signature, OffsetDateTime.ofInstant(now.plus(VALIDITY), ZoneOffset.UTC));
        }
        if (current == null || current.getExpiresAt().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
            long expiry = now.plus(VALIDITY).getEpochSecond();
            current = new AccessToken(sign(resourceUri, keyName, key, expiry),
                    OffsetDateTime.ofInstant(Instant.ofEpochSecond(expiry), ZoneOffset.UTC));
        }
        return current;
    }

    /** {@code SharedAccessSignature sr=<uri>&sig=<hmac>&se=<expiry>&skn=<key name>}. */
    static String sign(String resourceUri, String keyName, String key, long expiryEpochSeconds) {
        String encodedUri = encode(resourceUri);
        String toSign = encodedUri + "\n" + expiryEpochSeconds;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String sig = Base64.getEncoder().encodeToString(hmac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
            return "SharedAccessSignature sr=" + encodedUri + "&sig=" + encode(sig) + "&se=" + expiryEpochSeconds + "&skn=" + encode(keyName);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SharedAccessSignatureCredential[" + (signature != null ? "signature" : "key " + keyName) + "]";
    }
}
