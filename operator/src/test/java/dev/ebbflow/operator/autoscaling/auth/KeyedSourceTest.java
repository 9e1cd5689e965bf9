package dev.ebbflow.operator.autoscaling.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyedSourceTest {

    @Test
    void secretDataIsDecodedAndWinsOverStringData() throws Exception {
        KeyedSource secret = KeyedSource.of(new SecretBuilder().withNewMetadata().withName("s").endMetadata()
                .withData(Map.of("a", AuthFixtures.base64("from-data")))
                .withStringData(Map.of("a", "from-string-data", "b", "only-string-data")).build());

        assertThat(secret.value("a")).contains("from-data");
        assertThat(secret.value("b")).contains("only-string-data");
        assertThat(secret.value("c")).isEmpty();
        assertThat(secret.keys()).containsExactlyInAnyOrder("a", "b");
        assertThat(secret.description()).isEqualTo("Secret 's'");
    }

    @Test
    void configMapDataIsTextAndBinaryDataIsDecoded() throws Exception {
        KeyedSource configMap = KeyedSource.of(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata()
                .withData(Map.of("text", "plain"))
                .withBinaryData(Map.of("bin", AuthFixtures.base64("decoded"), "broken", "%%%")).build());

        assertThat(configMap.value("text")).contains("plain");
        assertThat(configMap.value("bin")).contains("decoded");
        assertThatThrownBy(() -> configMap.value("broken")).isInstanceOf(UnresolvableException.class)
                .hasMessage("key 'broken' of ConfigMap 'c' is not valid base64");
    }
}
