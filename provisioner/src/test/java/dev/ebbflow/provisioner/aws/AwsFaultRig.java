package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.faults.CloudRig;
import dev.ebbflow.provisioner.faults.FaultPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The AWS adapter against the fake EC2 server with faults, for the fault-injection run. */
public final class AwsFaultRig implements CloudRig {

    private final FakeEc2Server ec2;
    private final AwsCloudProvider aws;
    private final FaultPolicy faults;

    public AwsFaultRig(KubernetesClient client, Clock clock, FaultPolicy faults) {
        try {
            ec2 = Ec2World.seed(new FakeEc2Server(Ec2World.REGION));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.faults = faults;
        ec2.faults(faults);
        client.resources(EC2NodeClass.class).resource(AwsTestFixtures.nodeClass("default", "al2023@latest")).createOr(c -> c.update());
        // The operator's retry count; a short backoff keeps the run quick.
        AwsSettings settings = AwsTestFixtures.settings(ec2).withRetries(AwsSettings.of(Ec2World.REGION, "c").maxAttempts(), Duration.ofMillis(2));
        aws = new AwsCloudProvider(client, clock, settings, new UnavailableOfferings(clock), () -> "1.28");
    }

    @Override
    public CloudProvider cloud() {
        return aws;
    }

    @Override
    public FaultPolicy faults() {
        return faults;
    }

    @Override
    public NodeClaim claim(String name, String uid, Shape shape) {
        NodeClaim claim = switch (shape) {
            case BROAD -> AwsTestFixtures.claim(name, "default", AwsTestFixtures.req(KarpenterLabels.CAPACITY_TYPE, "In", "on-demand"),
                    AwsTestFixtures.req(Ec2Labels.CATEGORY, "In", "c", "m", "r"));
            case NARROW -> AwsTestFixtures.claim(name, "default", AwsTestFixtures.req(KarpenterLabels.CAPACITY_TYPE, "In", "on-demand"),
                    AwsTestFixtures.req(KarpenterLabels.INSTANCE_TYPE, "In", "m5.large"),
                    AwsTestFixtures.req(KarpenterLabels.ZONE, "In", Ec2World.ZONES[0]));
            case SPOT -> AwsTestFixtures.claim(name, "default", AwsTestFixtures.req(KarpenterLabels.CAPACITY_TYPE, "In", "spot"));
        };
        claim.getMetadata().setUid(uid);
        return claim;
    }

    @Override
    public Map<String, String> liveInstances() {
        Map<String, String> live = new LinkedHashMap<>();
        ec2.runningInstances().forEach(i -> live.put(InstanceClaims.providerId(i.placement().availabilityZone(), i.instanceId()),
                InstanceClaims.tags(i).getOrDefault(InstanceClaims.NODECLAIM_TAG, "")));
        return live;
    }

    @Override
    public int strayResources() {
        return 0;
    }

    @Override
    public int launchRequests() {
        return ec2.requests("CreateFleet").size();
    }

    @Override
    public void close() {
        aws.close();
        ec2.close();
    }
}
