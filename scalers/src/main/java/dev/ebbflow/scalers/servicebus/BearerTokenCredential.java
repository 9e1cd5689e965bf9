package dev.ebbflow.scalers.servicebus;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import reactor.core.publisher.Mono;

/**
 * Presents an Azure AD token in the form the Service Bus REST API documents,
 * {@code Authorization: Bearer <token>}. The administration client's credential policy (7.17.x)
 * puts whatever the credential returns into the header as is, which is right for a shared access
 * signature ("SharedAccessSignature sr=...") but leaves a bare JWT without its scheme.
 */
final class BearerTokenCredential implements TokenCredential {

    private final TokenCredential delegate;

    BearerTokenCredential(TokenCredential delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return delegate.getToken(request).map(BearerTokenCredential::withScheme);
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        return withScheme(delegate.getTokenSync(request));
    }

    private static AccessToken withScheme(AccessToken token) {
        return token.getToken().startsWith("Bearer ") ? token : new AccessToken("Bearer " + token.getToken(), token.getExpiresAt());
    }
}
