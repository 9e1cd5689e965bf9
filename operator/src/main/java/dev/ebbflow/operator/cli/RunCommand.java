package dev.ebbflow.operator.cli;

import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.jobs.controller.ScaledJobModule;
import dev.ebbflow.operator.kube.KubernetesClients;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ebbflow run}: runs the operator against the cluster of KUBECONFIG or the in-cluster config
 * until stopped. On SIGTERM it stops acting, releases its Lease (a follower takes over at once) and
 * exits; a start that cannot go on (no cluster, no rights) is one line on stderr and exit code 1.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the operator against the cluster in KUBECONFIG, or in-cluster.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    OperatorOptions options;

    @Mixin
    AzureOptions azure;

    @Mixin
    AwsOptions aws;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        OperatorSettings settings = options.toSettings();
        Optional<dev.ebbflow.provisioner.aws.AwsSettings> awsSettings = aws.toSettings(options.clusterName());
        java.util.OptionalInt admissionWebhookPort = options.admissionWebhookPort();
        Optional<dev.ebbflow.provisioner.azure.AzureConfig> azureConfig = azure.config(options.clusterName());
        java.time.Duration provisionAheadTtl = options.provisionAheadTtl();
        ProvisioningModule.Settings provisioningSettings;
        try {
            provisioningSettings = ProvisioningModule.Settings.defaults().withClusterName(options.clusterName());
        } catch (InvalidInputException e) {
            return fail(e.getMessage());
        }
        LogLevels.apply(settings.logLevel());
        Optional<String> noConfig = StartupErrors.missingKubeconfig(System.getenv(), Path.of(System.getProperty("user.home")));
        if (noConfig.isPresent()) {
            return fail(noConfig.get());
        }
        Config config = Config.autoConfigure(null);
        try {
            ClusterPreflight.check(config);
        } catch (RuntimeException e) {
            LOG.debug("preflight failed", e);
            return fail(StartupErrors.explain(e) + " (tried the " + StartupErrors.source(config) + ")");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (KubernetesClient client = KubernetesClients.rateLimited(config, settings.kubeApiQps(), settings.kubeApiBurst())) {
            String podName = System.getenv().getOrDefault("POD_NAME", "ebbflow");
            EbbflowOperator.Builder builder = EbbflowOperator.builder();
            admissionWebhookPort.ifPresent(builder::admissionWebhookPort);
            ProvisioningModule provisioning = new ProvisioningModule(podName, provisioningSettings).withProvisionAheadTtl(provisionAheadTtl);
            if (options.provisionAhead()) {
                builder.provisionAhead(provisioning.podsAhead(), provisionAheadTtl.dividedBy(2));
            }
            EbbflowOperator operator = builder
                    .settings(settings)
                    .client(client)
                    .scalers(ScalerRegistry.loadInstalled())
                    .watchCrds(true)
                    .module(new ScaledJobModule())
                    .module(AwsCloudRegistration.register(AzureCloudRegistration.register(provisioning, azureConfig, azure.caCertificate()),
                            awsSettings, podName))
                    .build();
            // Runs on SIGTERM and on System.exit, so it must never call System.exit itself. Once the operator
            // has stopped and released its Lease nothing is left to do: halting spares the seconds other
            // libraries' hooks take (azure-core waits for its executors), within the kubelet's grace period.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                operator.close();
                stopped.countDown();
                Runtime.getRuntime().halt(operator.lostLeadership() ? 1 : exitCode.get());
            }, "ebbflow-shutdown"));
            try {
                operator.start();
            } catch (RuntimeException e) {
                LOG.debug("start failed", e);
                return fail(StartupErrors.explain(e));
            }
            stopped.await();
        }
        return 0;
    }

    /** What the process exits with once the shutdown hook has run: 1 after a failed start. */
    private final AtomicInteger exitCode = new AtomicInteger();

    private int fail(String message) {
        exitCode.set(1);
        spec.commandLine().getErr().println("ebbflow: " + message);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
