package dev.ebbflow.testkit;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JVM flags the Helm chart gives the operator, for harnesses that run it as a separate process "as the
 * chart runs it": the chart's {@code jvmOptions} under its {@code resources.limits.memory}, which
 * {@code -XX:MaxRAM} stands for outside a container. Read from the chart's values, so a benchmark
 * cannot keep measuring flags the chart no longer ships.
 */
public final class ChartJvmFlags {

    private ChartJvmFlags() {
    }

    public static List<String> flags() {
        Map<String, Object> values;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = new KubernetesSerialization().unmarshal(
                    Files.readString(RepositoryFiles.directory("deploy/helm/ebbflow").resolve("values.yaml")), Map.class);
            values = read;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the chart's values.yaml", e);
        }
        Object memory = path(values, "resources", "limits", "memory");
        List<String> flags = new ArrayList<>();
        if (memory != null) {
            flags.add("-XX:MaxRAM=" + Quantity.getAmountInBytes(new Quantity(String.valueOf(memory))).toBigInteger());
        }
        Object options = values.get("jvmOptions");
        if (options != null && !String.valueOf(options).isBlank()) {
            flags.addAll(Arrays.asList(String.valueOf(options).trim().split("\\s+")));
        }
        return List.copyOf(flags);
    }

    private static Object path(Map<String, Object> root, String... keys) {
        Object at = root;
        for (String key : keys) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(key);
        }
        return at;
    }
}
