package dev.ebbflow.operator.cli;

import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.operator.OperatorContext;
import dev.ebbflow.operator.observability.InterruptionMetrics;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.provisioning.interruption.InstanceStatusController;
import dev.ebbflow.operator.provisioning.interruption.InterruptionController;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.provisioner.aws.AwsCloudProvider;
import dev.ebbflow.provisioner.aws.AwsSettings;
import dev.ebbflow.provisioner.aws.Ec2NodeClassStatusController;
import dev.ebbflow.provisioner.aws.InterruptionQueue;
import dev.ebbflow.provisioner.aws.ReservationEnds;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Registers the AWS cloud for {@code karpenter.k8s.aws/EC2NodeClass} when its options name a region. */
public final class AwsCloudRegistration {

    /** How often EC2NodeClass statuses are resolved again. */
    static final Duration STATUS_PERIOD = Duration.ofSeconds(30);
    /** How often reserved nodes are checked for their reservation's end, as Karpenter does: every minute. */
    static final Duration RESERVATION_ENDS_PERIOD = Duration.ofMinutes(1);

    private AwsCloudRegistration() {
    }

    /** @param instance this replica's name, reported on the node classes' Events */
    public static ProvisioningModule register(ProvisioningModule module, Optional<AwsSettings> settings, String instance) {
        settings.ifPresent(aws -> module.withCloud(EC2NodeClass.class, (context, executor) -> {
            UnavailableOfferings unavailable = new UnavailableOfferings(context.clock());
            AwsCloudProvider cloud = new AwsCloudProvider(context.client(), context.clock(), aws, unavailable);
            KarpenterEvents events = new KarpenterEvents(context.client(), context.clock(), instance);
            if (aws.handlesInterruptions()) {
                startInterruptionHandling(context, aws, cloud, unavailable, events);
            }
            Ec2NodeClassStatusController status = new Ec2NodeClassStatusController(context.client(), cloud, context.clock(), events::record);
            executor.scheduleWithFixedDelay(status::reconcileAll, 0, STATUS_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            ReservationEnds reservationEnds = new ReservationEnds(context.client(), cloud, context.clock(), events::record);
            executor.scheduleWithFixedDelay(reservationEnds::reconcile, RESERVATION_ENDS_PERIOD.toMillis(), RESERVATION_ENDS_PERIOD.toMillis(),
                    TimeUnit.MILLISECONDS);
            // A new, changed or deleted class is seen at once, not at the next pass (the executor runs it on the leader only).
            var informer = context.client().resources(EC2NodeClass.class).inform(new ResourceEventHandler<EC2NodeClass>() {
                @Override
                public void onAdd(EC2NodeClass nc) {
                    executor.execute(() -> status.reconcile(nc.getMetadata().getName()));
                }

                @Override
                public void onUpdate(EC2NodeClass before, EC2NodeClass after) {
                    if (Ec2NodeClassStatusController.needsReconcile(before, after)) {
                        executor.execute(() -> status.reconcile(after.getMetadata().getName()));
                    }
                }

                @Override
                public void onDelete(EC2NodeClass nc, boolean deletedFinalStateUnknown) {
                    // Gone: nothing is left to clean up (a class with a profile to delete carries the finalizer).
                }
            });
            cloud.closeWith(informer::close);
            return cloud;
        }));
        return module;
    }

    /**
     * On leader-only threads of their own: the queue's long poll holds one for up to 20 s, the EC2 status
     * checks, whose failures are handled like the queue's messages, take the other once a minute.
     */
    private static void startInterruptionHandling(OperatorContext context, AwsSettings aws, AwsCloudProvider cloud,
                                                  UnavailableOfferings unavailable, KarpenterEvents events) {
        ScheduledExecutorService executor = context.leadership().newExecutor("ebbflow-interruption", 2);
        InterruptionController interruptions = new InterruptionController(context.client(), new InterruptionQueue(aws, aws.interruptionQueue()),
                unavailable, events, new InterruptionMetrics(context.meterRegistry()), context.clock());
        InstanceStatusController statusChecks = new InstanceStatusController(cloud.instanceStatusChecks()::failing, interruptions,
                aws.instanceStatusPeriod());
        interruptions.start(executor);
        statusChecks.start(executor);
        cloud.closeWith(() -> {
            statusChecks.close();
            interruptions.close();
            executor.shutdownNow();
        });
    }
}
