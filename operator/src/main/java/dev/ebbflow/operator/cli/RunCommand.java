package dev.ebbflow.operator.cli;

import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.jobs.controller.ScaledJobModule;
import dev.ebbflow.operator.kube.KubernetesClients;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ebbflow run}: runs the operator against the cluster of KUBECONFIG or the in-cluster config until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the operator against the cluster in KUBECONFIG, or in-cluster.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    OperatorOptions options;

    @Override
    public Integer call() throws InterruptedException {
        OperatorSettings settings = options.toSettings();
        LogLevels.apply(settings.logLevel());
        CountDownLatch stopped = new CountDownLatch(1);
        try (KubernetesClient client = KubernetesClients.fromEnvironment(settings.kubeApiQps(), settings.kubeApiBurst())) {
            AtomicReference<EbbflowOperator> running = new AtomicReference<>();
            EbbflowOperator operator = EbbflowOperator.builder()
                    .settings(settings)
                    .client(client)
                    .scalers(ScalerRegistry.loadInstalled())
                    .module(new ScaledJobModule())
                    .module(new ProvisioningModule(() -> running.get() != null && running.get().isLeader(),
                            System.getenv().getOrDefault("POD_NAME", "ebbflow"), ProvisioningModule.Settings.defaults()))
                    .build();
            running.set(operator);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                operator.close();
                stopped.countDown();
            }, "ebbflow-shutdown"));
            operator.start();
            stopped.await();
        }
        return 0;
    }
}
