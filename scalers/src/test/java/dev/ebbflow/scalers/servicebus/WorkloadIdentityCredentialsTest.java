package dev.ebbflow.scalers.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.WorkloadIdentityCredential;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadIdentityCredentialsTest {

    @Test
    void usesWorkloadIdentityWhenTheWebhookInjectedItsVariables() {
        Map<String, String> env = Map.of("AZURE_CLIENT_ID", "00000000-0000-0000-0000-000000000001",
                "AZURE_TENANT_ID", "00000000-0000-0000-0000-000000000002",
                "AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/azure/tokens/azure-identity-token",
                "AZURE_AUTHORITY_HOST", "https://login.microsoftonline.com/");
        assertThat(new WorkloadIdentityCredentials(env).get()).isInstanceOf(WorkloadIdentityCredential.class);
    }

    @Test
    void fallsBackToTheDefaultChainOtherwise() {
        assertThat(new WorkloadIdentityCredentials(Map.of("AZURE_CLIENT_ID", "x")).get()).isInstanceOf(DefaultAzureCredential.class);
    }
}
