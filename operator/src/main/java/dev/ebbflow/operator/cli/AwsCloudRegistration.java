package dev.ebbflow.operator.cli;

import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.provisioner.aws.AwsCloudProvider;
import dev.ebbflow.provisioner.aws.AwsSettings;
import dev.ebbflow.provisioner.aws.Ec2NodeClassStatusController;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Registers the AWS cloud for {@code karpenter.k8s.aws/EC2NodeClass} when its options name a region. */
public final class AwsCloudRegistration {

    /** How often EC2NodeClass statuses are resolved again. */
    static final Duration STATUS_PERIOD = Duration.ofSeconds(30);

    private AwsCloudRegistration() {
    }

    /** @param instance this replica's name, reported on the node classes' Events */
    public static ProvisioningModule register(ProvisioningModule module, Optional<AwsSettings> settings, String instance) {
        settings.ifPresent(aws -> module.withCloud(EC2NodeClass.class, (context, executor) -> {
            AwsCloudProvider cloud = new AwsCloudProvider(context.client(), context.clock(), aws, new UnavailableOfferings(context.clock()));
            KarpenterEvents events = new KarpenterEvents(context.client(), context.clock(), instance);
            Ec2NodeClassStatusController status = new Ec2NodeClassStatusController(context.client(), cloud, context.clock(), events::record);
            executor.scheduleWithFixedDelay(status::reconcileAll, 0, STATUS_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            return cloud;
        }));
        return module;
    }
}
