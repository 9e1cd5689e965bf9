package dev.ebbflow.scalers.servicebus;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The credential behind {@code podIdentity.provider: azure-workload}. When the workload identity
 * webhook injected its variables (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE),
 * Azure Identity's WorkloadIdentityCredential exchanges the projected service account token;
 * otherwise DefaultAzureCredential's chain (environment, managed identity, ...) is tried, so a
 * missing webhook shows up as an authentication error on read, not as a crash at creation.
 */
final class WorkloadIdentityCredentials implements Supplier<TokenCredential> {

    private final Map<String, String> env;

    WorkloadIdentityCredentials(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public TokenCredential get() {
        if (present("AZURE_CLIENT_ID") && present("AZURE_TENANT_ID") && present("AZURE_FEDERATED_TOKEN_FILE")) {
            WorkloadIdentityCredentialBuilder b = new WorkloadIdentityCredentialBuilder()
                    .clientId(env.get("AZURE_CLIENT_ID"))
                    .tenantId(env.get("AZURE_TENANT_ID"))
                    .tokenFilePath(env.get("AZURE_FEDERATED_TOKEN_FILE"));
            if (present("AZURE_AUTHORITY_HOST")) {
                b.authorityHost(env.get("AZURE_AUTHORITY_HOST"));
            }
            return b.build();
        }
        return new DefaultAzureCredentialBuilder().build();
    }

    private boolean present(String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }
}
