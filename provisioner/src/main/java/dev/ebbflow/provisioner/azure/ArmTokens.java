package dev.ebbflow.provisioner.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.time.Duration;

/** Bearer tokens for Azure Resource Manager. */
@FunctionalInterface
public interface ArmTokens {

    String token() throws ArmException;

    /**
     * Azure Identity's default chain (workload identity's federated token file first, as an AKS pod
     * with a service account annotated for it has, then managed identity, the Azure CLI...).
     */
    static ArmTokens defaultChain(String armEndpoint) {
        TokenCredential credential = new DefaultAzureCredentialBuilder().build();
        String scope = armEndpoint.replaceAll("/+$", "") + "/.default";
        return () -> {
            try {
                var token = credential.getToken(new TokenRequestContext().addScopes(scope)).block(Duration.ofSeconds(30));
                if (token == null) {
                    throw new ArmException(401, "NoToken", "Azure Identity returned no token for " + scope);
                }
                return token.getToken();
            } catch (RuntimeException e) {
                throw new ArmException(401, "CredentialUnavailable", "no Azure credential: " + e.getMessage());
            }
        };
    }
}
