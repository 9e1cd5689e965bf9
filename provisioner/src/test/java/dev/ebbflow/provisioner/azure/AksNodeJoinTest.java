package dev.ebbflow.provisioner.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What nodes join with: each bad value refused saying what is wrong, and the token never in any message or text. */
class AksNodeJoinTest {

    private static final String SECRET_HALF = AzureFixtures.BOOTSTRAP_TOKEN.substring(7);

    @Test
    void aValidSetIsKeptAndItsTextHidesTheTokensSecretHalf() {
        AksNodeJoin join = new AksNodeJoin(AzureFixtures.BOOTSTRAP_TOKEN, AzureFixtures.CLUSTER_CA, " " + AzureFixtures.SSH_KEY + "\n");
        assertThat(join.sshPublicKey()).isEqualTo(AzureFixtures.SSH_KEY);
        assertThat(join.tokenId()).isEqualTo("07401b");
        assertThat(join.toString()).contains("07401b.<redacted>").doesNotContain(SECRET_HALF);
        assertThat(AzureFixtures.config(java.net.URI.create("https://arm"), "v").toString()).doesNotContain(SECRET_HALF);
    }

    @Test
    void aMalformedTokenIsRefusedWithoutQuotingIt() {
        String almost = "07401b-" + SECRET_HALF;
        assertThatThrownBy(() -> new AksNodeJoin(almost, AzureFixtures.CLUSTER_CA, AzureFixtures.SSH_KEY))
                .hasMessageContaining("not a bootstrap token").satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_HALF));
        assertThatThrownBy(() -> new AksNodeJoin("", AzureFixtures.CLUSTER_CA, AzureFixtures.SSH_KEY)).hasMessageContaining("token is missing");
    }

    @Test
    void theCaMustBePemAndTheKeyAnOpenSshPublicKey() {
        assertThatThrownBy(() -> new AksNodeJoin(AzureFixtures.BOOTSTRAP_TOKEN, "LS0tLS1CRUdJTi", AzureFixtures.SSH_KEY))
                .hasMessageContaining("cluster CA is not a PEM certificate");
        assertThatThrownBy(() -> new AksNodeJoin(AzureFixtures.BOOTSTRAP_TOKEN, AzureFixtures.CLUSTER_CA, "-----BEGIN RSA PRIVATE KEY-----"))
                .hasMessageContaining("not an OpenSSH public key");
        assertThatThrownBy(() -> new AksNodeJoin(AzureFixtures.BOOTSTRAP_TOKEN, AzureFixtures.CLUSTER_CA, null))
                .hasMessageContaining("SSH public key is missing");
    }
}
