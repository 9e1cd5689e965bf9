package dev.ebbflow.provisioner.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.karpenter.aws.AmiFamily;
import dev.ebbflow.crds.karpenter.aws.KubeletConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The user data of each AMI family against golden files ({@code src/test/resources/.../userdata}); to
 * accept a deliberate change, run with {@code -Debbflow.golden.update=true} and review the diff.
 */
class UserDataTest {

    private static NodeBootstrap bootstrap(String userData) {
        KubeletConfiguration kubelet = new KubeletConfiguration();
        kubelet.setClusterDNS(List.of("10.100.0.10"));
        kubelet.setKubeReserved(Map.of("cpu", "100m", "memory", "500Mi"));
        kubelet.setEvictionHard(Map.of("memory.available", "200Mi"));
        return new NodeBootstrap("test-cluster", "https://ABCDEF.gr7.us-west-2.eks.amazonaws.com", "Q0EtQlVORExF", "10.100.0.0/16", 29,
                new TreeMap<>(Map.of("karpenter.sh/nodepool", "default", "karpenter.sh/capacity-type", "spot", "team", "payments")),
                List.of("dedicated=payments:NoSchedule", "example.com/agent-not-ready:NoExecute"), kubelet, userData);
    }

    @Test
    void al2023JoinsThroughANodeadmNodeConfigAfterTheUsersParts() throws IOException {
        golden("al2023.golden", UserData.render(AmiFamily.AL2023, bootstrap("#!/bin/bash\necho 'hello from the node class'\n")));
    }

    @Test
    void bottlerocketSettingsMergeIntoTheUsersTomlWithTheClustersValuesWinning() throws IOException {
        golden("bottlerocket.golden", UserData.render(AmiFamily.Bottlerocket, bootstrap(
                "[settings.kubernetes]\ncluster-name = 'wrong'\nimage-gc-high-threshold-percent = 85\n\n[settings.host-containers.admin]\nenabled = true\n")));
    }

    @Test
    void al2BootstrapsWithTheClustersEndpointAndLabels() throws IOException {
        golden("al2.golden", UserData.render(AmiFamily.AL2, bootstrap(null)));
    }

    @Test
    void customUserDataIsPassedAsWritten() {
        assertThat(UserData.render(AmiFamily.Custom, bootstrap("#!/bin/bash\n/opt/join.sh\n"))).isEqualTo("#!/bin/bash\n/opt/join.sh\n");
    }

    @Test
    void bottlerocketUserDataThatIsNotTomlNamesTheField() {
        assertThatThrownBy(() -> UserData.render(AmiFamily.Bottlerocket, bootstrap("#!/bin/bash\necho no")))
                .hasMessageContaining("spec.userData");
    }

    private static void golden(String name, String actual) throws IOException {
        Path source = Path.of("src/test/resources/dev/ebbflow/provisioner/aws/userdata", name);
        if (Boolean.getBoolean("ebbflow.golden.update")) {
            Files.writeString(source, actual);
        }
        try (InputStream in = UserDataTest.class.getResourceAsStream("userdata/" + name)) {
            assertThat(in).as("golden file " + source).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
