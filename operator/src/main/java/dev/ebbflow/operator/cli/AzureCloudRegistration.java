package dev.ebbflow.operator.cli;

import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.provisioner.azure.AksNodeClassStatusController;
import dev.ebbflow.provisioner.azure.ArmTokens;
import dev.ebbflow.provisioner.azure.AzureCloudProvider;
import dev.ebbflow.provisioner.azure.AzureConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Registers the Azure cloud for {@code karpenter.azure.com/AKSNodeClass} when its options name a subscription. */
final class AzureCloudRegistration {

    static final long STATUS_PERIOD_SECONDS = 10;

    private AzureCloudRegistration() {
    }

    static ProvisioningModule register(ProvisioningModule module, Optional<AzureConfig> config, Optional<Path> caCertificate) {
        config.ifPresent(c -> module.withCloud(AKSNodeClass.class, (context, executor) -> {
            AzureCloudProvider cloud = AzureCloudProvider.create(context.client(), c, ArmTokens.defaultChain(c.armEndpoint().toString()),
                    caCertificate, context.clock());
            AksNodeClassStatusController status = new AksNodeClassStatusController(context.client(), c, cloud, context.clock());
            executor.scheduleWithFixedDelay(status::pass, 0, STATUS_PERIOD_SECONDS, TimeUnit.SECONDS);
            return cloud;
        }));
        return module;
    }
}
