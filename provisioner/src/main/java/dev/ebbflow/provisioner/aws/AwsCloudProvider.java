package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.aws.AmiFamily;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClassSpec;
import dev.ebbflow.crds.karpenter.aws.InstanceStorePolicy;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Reservation;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.LaunchCandidate;
import dev.ebbflow.provisioner.cloud.LaunchCandidates;
import dev.ebbflow.provisioner.cloud.NodeClaimNotFoundException;
import dev.ebbflow.provisioner.cloud.NodeClassNotFoundException;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * The AWS EC2 cloud for NodePools whose {@code nodeClassRef} names an {@code EC2NodeClass}. Instances
 * are tagged with their NodePool, NodeClaim, EC2NodeClass and {@code kubernetes.io/cluster/<name>=owned},
 * which is how {@link #list()} and {@link #get} find them and how a repeated launch finds the first one.
 */
public final class AwsCloudProvider implements CloudProvider, AutoCloseable {

    public static final String NAME = "aws";
    static final Duration RESOLUTION_TTL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(AwsCloudProvider.class);
    private static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");

    private record Cached(ResolvedNodeClass resolved, Long generation, Instant until) {
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final AwsSettings settings;
    private final AwsClients clients;
    private final UnavailableOfferings unavailable;
    private final Ec2Catalog catalog;
    private final Ec2NodeClassResolver resolver;
    private final CapacityReservations reservations;
    private final InstanceProfiles instanceProfiles;
    private final LaunchTemplates launchTemplates;
    private final FleetLauncher fleets;
    private final Map<String, Cached> resolved = new ConcurrentHashMap<>();
    private final List<AutoCloseable> companions = new java.util.concurrent.CopyOnWriteArrayList<>();

    public AwsCloudProvider(KubernetesClient client, Clock clock, AwsSettings settings, UnavailableOfferings unavailable) {
        this(client, clock, settings, unavailable, () -> minorVersion(client));
    }

    AwsCloudProvider(KubernetesClient client, Clock clock, AwsSettings settings, UnavailableOfferings unavailable,
                     Supplier<String> kubernetesVersion) {
        this.client = client;
        this.clock = clock;
        this.settings = settings;
        this.clients = new AwsClients(settings);
        this.unavailable = unavailable;
        this.catalog = new Ec2Catalog(new Ec2CatalogReader(clients, settings, clock), clock, settings.catalogRefresh());
        this.instanceProfiles = new InstanceProfiles(clients, settings);
        this.reservations = new CapacityReservations(clients, clock);
        this.resolver = new Ec2NodeClassResolver(clients, kubernetesVersion, instanceProfiles, reservations);
        this.launchTemplates = new LaunchTemplates(clients);
        this.fleets = new FleetLauncher(clients, unavailable);
    }

    private static String minorVersion(KubernetesClient client) {
        var v = client.getKubernetesVersion();
        return v.getMajor() + "." + v.getMinor().replaceAll("[^0-9].*$", "");
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Every instance type of the region as the live APIs describe it (types, zone offerings, on-demand
     * and spot prices), with the default node settings (AL2023, 20Gi root volume, ENI-limited pods), in
     * the catalog format's terms: what {@code ebbflow catalog export --cloud aws} writes.
     */
    public List<InstanceType> liveCatalog() throws CloudProviderException {
        return catalogOf(catalog.data(), settings);
    }

    /**
     * {@link #liveCatalog()} read once, without a cluster: for {@code ebbflow catalog export --cloud aws}.
     *
     * @throws Ec2AuthorizationException when EC2 refuses the credentials
     * @throws CloudProviderException when EC2 cannot be reached or fails
     */
    public static List<InstanceType> readCatalog(AwsSettings settings, Clock clock) throws CloudProviderException {
        try (AwsClients clients = new AwsClients(settings)) {
            return catalogOf(new Ec2CatalogReader(clients, settings, clock).read(), settings);
        }
    }

    private static List<InstanceType> catalogOf(Ec2CatalogData data, AwsSettings settings) {
        Set<String> zones = new HashSet<>();
        data.zonesByType().values().forEach(zones::addAll);
        return Ec2InstanceTypes.of(data, new Ec2InstanceTypes.NodeShape(null, BlockDevices.DEFAULT_KUBELET_VOLUME_BYTES, false,
                settings.vmMemoryOverhead(), zones));
    }

    // ---- launch

    @Override
    public NodeClaim create(NodeClaim claim) throws CloudProviderException {
        String name = claim.getMetadata().getName();
        Optional<Instance> existing = instanceOf(name);
        if (existing.isPresent()) {
            LOG.info("nodeclaim {}: its instance {} is already launched", name, existing.get().instanceId());
            return launchedAs(claim, existing.get());
        }
        ResolvedNodeClass rc = resolved(nodeClass(claim.getSpec().getNodeClassRef(), "spec.nodeClassRef"));
        List<LaunchCandidate> candidates;
        try {
            candidates = LaunchCandidates.rank(claim.getSpec(), unavailable.apply(instanceTypes(rc))).stream()
                    .filter(c -> rc.subnet(c.offering().zone()).isPresent()).toList();
        } catch (IllegalArgumentException e) {
            throw new CloudProviderException("nodeclaim " + name + ": " + e.getMessage());
        }
        Map<String, String> tags = tags(claim, rc);
        String uid = claim.getMetadata().getUid() == null ? name : claim.getMetadata().getUid();
        FleetLauncher.Launched launched = fleets.launch(name, uid, candidates, tags, rc.nodeClass().getSpec().getContext(),
                new ClassPlacement(claim, rc, tags));
        Reservation reservation = launched.candidate().offering().reservation();
        if (reservation != null) {
            reservations.launched(reservation.id());
        }
        // A candidate of a reservation gives the claim the reservation's labels, as Karpenter's reserved nodes carry them.
        return launched.candidate().launched(claim, InstanceClaims.providerId(launched.candidate().offering().zone(), launched.instanceId()),
                rc.ami(launched.candidate().instanceType()).map(ResolvedNodeClass.Ami::id).orElse(null));
    }

    /** Where candidates of one claim launch: the subnet of their zone and a launch template per (AMI, pods, capacity type). */
    private final class ClassPlacement implements FleetLauncher.Placement {
        private final NodeClaim claim;
        private final ResolvedNodeClass rc;
        private final Map<String, String> tags;

        ClassPlacement(NodeClaim claim, ResolvedNodeClass rc, Map<String, String> tags) {
            this.claim = claim;
            this.rc = rc;
            this.tags = tags;
        }

        @Override
        public String launchTemplate(LaunchCandidate c) throws CloudProviderException {
            EC2NodeClassSpec spec = rc.nodeClass().getSpec();
            ResolvedNodeClass.Ami ami = rc.ami(c.instanceType()).orElseThrow(() -> new NodeClassNotReadyException(
                    what(rc), "spec.amiSelectorTerms", "no AMI boots " + c.instanceType().name()));
            String userData;
            try {
                userData = UserData.render(rc.family(), bootstrap(claim, spec, c));
            } catch (IllegalArgumentException e) {
                throw new NodeClassNotReadyException(what(rc), "spec.userData", e.getMessage());
            }
            Map<String, String> templateTags = new TreeMap<>(classTags(rc));
            return launchTemplates.ensure(LaunchTemplates.content(spec, ami, rc.securityGroupIds(), userData,
                    BlockDevices.of(spec, rc.family()), rc.instanceProfile(), templateTags, reservationTarget(c)));
        }

        private LaunchTemplates.ReservationTarget reservationTarget(LaunchCandidate c) {
            if (c.offering().reservation() != null) {
                return LaunchTemplates.ReservationTarget.into(c.offering().reservation().id(), FleetLauncher.capacityBlock(c));
            }
            return rc.selectsReservations() ? LaunchTemplates.ReservationTarget.NONE : null;
        }

        @Override
        public String subnet(LaunchCandidate c) {
            return rc.subnet(c.offering().zone()).orElseThrow().id();
        }

        @Override
        public String zoneOfSubnet(String subnetId) {
            return rc.subnets().stream().filter(s -> s.id().equals(subnetId)).map(ResolvedNodeClass.Subnet::zone).findFirst().orElse(null);
        }
    }

    private NodeBootstrap bootstrap(NodeClaim claim, EC2NodeClassSpec spec, LaunchCandidate c) {
        SortedMap<String, String> labels = new TreeMap<>();
        if (claim.getMetadata().getLabels() != null) {
            claim.getMetadata().getLabels().forEach((k, v) -> {
                if (registrable(k)) {
                    labels.put(k, v);
                }
            });
        }
        labels.put(KarpenterLabels.CAPACITY_TYPE, c.offering().capacityType());
        List<String> taints = new ArrayList<>();
        for (List<Taint> list : java.util.Arrays.asList(claim.getSpec().getTaints(), claim.getSpec().getStartupTaints())) {
            if (list != null) {
                list.forEach(t -> taints.add(t.getKey() + (t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue()) + ":" + t.getEffect()));
            }
        }
        long pods = c.instanceType().capacity().milli(ResourceList.PODS) / 1000;
        return new NodeBootstrap(settings.clusterName(), settings.clusterEndpoint(), settings.clusterCaBundle(), settings.clusterCidr(), pods,
                labels, taints, spec.getKubelet(), spec.getUserData());
    }

    /** Labels a kubelet may register itself with: not the kubernetes.io / k8s.io ones (the kubelet sets those), not the per-type ones. */
    static boolean registrable(String key) {
        int slash = key.indexOf('/');
        String domain = slash < 0 ? "" : key.substring(0, slash);
        return !(domain.equals("kubernetes.io") || domain.endsWith(".kubernetes.io") || domain.equals("k8s.io") || domain.endsWith(".k8s.io")
                || domain.equals("karpenter.k8s.aws"));
    }

    private Map<String, String> tags(NodeClaim claim, ResolvedNodeClass rc) {
        Map<String, String> tags = new TreeMap<>(classTags(rc));
        String pool = claim.getMetadata().getLabels() == null ? null : claim.getMetadata().getLabels().get(KarpenterLabels.NODE_POOL);
        if (pool != null) {
            tags.put(KarpenterLabels.NODE_POOL, pool);
        }
        tags.put(InstanceClaims.NODECLAIM_TAG, claim.getMetadata().getName());
        tags.put("Name", claim.getMetadata().getName());
        return tags;
    }

    private Map<String, String> classTags(ResolvedNodeClass rc) {
        Map<String, String> tags = new TreeMap<>();
        if (rc.nodeClass().getSpec().getTags() != null) {
            tags.putAll(rc.nodeClass().getSpec().getTags());
        }
        tags.put(clusterTag(), "owned");
        tags.put("eks:eks-cluster-name", settings.clusterName());
        tags.put(Ec2Labels.EC2NODECLASS, rc.name());
        return tags;
    }

    private String clusterTag() {
        return "kubernetes.io/cluster/" + settings.clusterName();
    }

    private NodeClaim launchedAs(NodeClaim claim, Instance instance) throws CloudProviderException {
        String zone = instance.placement().availabilityZone();
        String capacityType = InstanceClaims.capacityType(instance);
        try {
            ResolvedNodeClass rc = resolved(nodeClass(claim.getSpec().getNodeClassRef(), "spec.nodeClassRef"));
            for (InstanceType t : instanceTypes(rc)) {
                if (t.name().equals(instance.instanceTypeAsString())) {
                    for (var o : t.offerings()) {
                        if (o.zone().equals(zone) && o.capacityType().equals(capacityType) && (o.reservation() == null
                                || o.reservation().id().equals(instance.capacityReservationId()))) {
                            return new LaunchCandidate(t, o, "linux").launched(claim, InstanceClaims.providerId(zone, instance.instanceId()),
                                    instance.imageId());
                        }
                    }
                }
            }
        } catch (NodeClassNotReadyException | NodeClassNotFoundException e) {
            LOG.debug("nodeclaim {}: describing its instance without its node class: {}", claim.getMetadata().getName(), e.getMessage());
        }
        NodeClaim described = InstanceClaims.claimOf(instance);
        NodeClaim copy = client.getKubernetesSerialization().clone(claim);
        Map<String, String> labels = new TreeMap<>(copy.getMetadata().getLabels() == null ? Map.of() : copy.getMetadata().getLabels());
        labels.putAll(described.getMetadata().getLabels());
        copy.getMetadata().setLabels(labels);
        copy.setStatus(described.getStatus());
        return copy;
    }

    // ---- find, list, terminate

    private Optional<Instance> instanceOf(String claimName) throws CloudProviderException {
        return describe(List.of(Ec2NodeClassResolver.filter("tag:" + InstanceClaims.NODECLAIM_TAG, claimName),
                Ec2NodeClassResolver.filter("tag-key", clusterTag()),
                Ec2NodeClassResolver.filter("instance-state-name", LIVE_STATES.toArray(String[]::new)))).stream().findFirst();
    }

    private List<Instance> describe(List<Filter> filters) throws CloudProviderException {
        return AwsErrors.call("DescribeInstances", () -> clients.ec2.describeInstancesPaginator(r -> r.filters(filters)).reservations().stream()
                .flatMap(r -> r.instances().stream()).toList());
    }

    private Instance instance(String providerId) throws CloudProviderException {
        String id = InstanceClaims.instanceId(providerId).orElseThrow(() -> new NodeClaimNotFoundException("not an EC2 provider ID: " + providerId));
        List<Instance> found;
        try {
            found = AwsErrors.call("DescribeInstances", () -> clients.ec2.describeInstances(r -> r.instanceIds(id)).reservations().stream()
                    .flatMap(r -> r.instances().stream()).toList());
        } catch (CloudProviderException e) {
            if (AwsErrors.code(e.getCause()).filter(AwsErrors.NOT_FOUND::contains).isPresent()) {
                throw new NodeClaimNotFoundException("instance " + id + " not found");
            }
            throw e;
        }
        if (found.isEmpty() || InstanceClaims.isGone(found.get(0))) {
            throw new NodeClaimNotFoundException("instance " + id + " is terminated");
        }
        return found.get(0);
    }

    /** The live instances of these ids (those EC2 no longer knows are left out). */
    List<Instance> instances(java.util.Collection<String> ids) throws CloudProviderException {
        if (ids.isEmpty()) {
            return List.of();
        }
        return describe(List.of(Ec2NodeClassResolver.filter("instance-id", ids.toArray(String[]::new)),
                Ec2NodeClassResolver.filter("instance-state-name", LIVE_STATES.toArray(String[]::new))));
    }

    /** The reservations of these ids that are active now. */
    List<SelectedReservation> reservations(java.util.Collection<String> ids) throws CloudProviderException {
        return reservations.byId(ids);
    }

    @Override
    public void delete(NodeClaim claim) throws CloudProviderException {
        String providerId = claim.getStatus() == null ? null : claim.getStatus().getProviderID();
        Instance instance = instance(providerId);
        try {
            AwsErrors.call("TerminateInstances", () -> clients.ec2.terminateInstances(r -> r.instanceIds(instance.instanceId())));
            if (instance.capacityReservationId() != null) {
                reservations.terminated(instance.capacityReservationId());
            }
        } catch (CloudProviderException e) {
            if (AwsErrors.code(e.getCause()).filter(AwsErrors.NOT_FOUND::contains).isPresent()) {
                throw new NodeClaimNotFoundException("instance " + instance.instanceId() + " not found");
            }
            throw e;
        }
    }

    @Override
    public NodeClaim get(String providerId) throws CloudProviderException {
        return InstanceClaims.claimOf(instance(providerId));
    }

    @Override
    public List<NodeClaim> list() throws CloudProviderException {
        return describe(List.of(Ec2NodeClassResolver.filter("tag-key", clusterTag()),
                Ec2NodeClassResolver.filter("tag-key", KarpenterLabels.NODE_POOL),
                Ec2NodeClassResolver.filter("instance-state-name", LIVE_STATES.toArray(String[]::new))))
                .stream().map(InstanceClaims::claimOf).toList();
    }

    // ---- catalog and drift

    @Override
    public List<InstanceType> instanceTypes(NodePool nodePool) throws CloudProviderException {
        return unavailable.apply(instanceTypes(resolved(nodeClass(nodeClassRef(nodePool), "spec.template.spec.nodeClassRef"))));
    }

    private List<InstanceType> instanceTypes(ResolvedNodeClass rc) throws CloudProviderException {
        EC2NodeClassSpec spec = rc.nodeClass().getSpec();
        Ec2InstanceTypes.NodeShape shape = new Ec2InstanceTypes.NodeShape(spec.getKubelet(), BlockDevices.kubeletVolumeBytes(spec, rc.family()),
                spec.getInstanceStorePolicy() == InstanceStorePolicy.RAID0, settings.vmMemoryOverhead(), rc.zones());
        return ReservedOfferings.with(Ec2InstanceTypes.of(catalog.data(), shape).stream().filter(t -> rc.ami(t).isPresent()).toList(),
                rc.reservations().reservations(), rc.zones(), reservations::available, clock.instant());
    }

    @Override
    public Optional<String> isDrifted(NodeClaim claim) throws CloudProviderException {
        String providerId = claim.getStatus() == null ? null : claim.getStatus().getProviderID();
        if (InstanceClaims.instanceId(providerId).isEmpty()) {
            return Optional.empty();
        }
        Instance instance = instance(providerId);
        ResolvedNodeClass rc = resolved(nodeClass(claim.getSpec().getNodeClassRef(), "spec.nodeClassRef"));
        return Drift.of(instance, rc);
    }

    /** Resolves the class against EC2 now (refreshing the cached resolution); what the status controller calls. */
    ResolvedNodeClass resolveNow(EC2NodeClass nodeClass) throws CloudProviderException {
        ResolvedNodeClass rc = resolver.resolve(nodeClass);
        resolved.put(nodeClass.getMetadata().getName(), new Cached(rc, nodeClass.getMetadata().getGeneration(), clock.instant().plus(RESOLUTION_TTL)));
        return rc;
    }

    /** Whether the class's instance profile is one this cluster makes from its {@code role} (and so deletes with it). */
    boolean managesInstanceProfile(EC2NodeClass nodeClass) {
        EC2NodeClassSpec spec = nodeClass.getSpec();
        return (spec.getInstanceProfile() == null || spec.getInstanceProfile().isBlank()) && spec.getRole() != null && !spec.getRole().isBlank();
    }

    /** Deletes the instance profile made for a deleted class's role, if this cluster made it; see {@link InstanceProfiles#delete}. */
    boolean deleteInstanceProfile(EC2NodeClass nodeClass) throws CloudProviderException {
        resolved.remove(nodeClass.getMetadata().getName());
        return instanceProfiles.delete(nodeClass);
    }

    private ResolvedNodeClass resolved(EC2NodeClass nodeClass) throws CloudProviderException {
        Cached c = resolved.get(nodeClass.getMetadata().getName());
        if (c != null && java.util.Objects.equals(c.generation(), nodeClass.getMetadata().getGeneration()) && clock.instant().isBefore(c.until())) {
            return c.resolved();
        }
        return resolveNow(nodeClass);
    }

    private static NodeClassReference nodeClassRef(NodePool nodePool) {
        return nodePool.getSpec() == null || nodePool.getSpec().getTemplate() == null
                || nodePool.getSpec().getTemplate().getSpec() == null ? null
                : nodePool.getSpec().getTemplate().getSpec().getNodeClassRef();
    }

    EC2NodeClass nodeClass(NodeClassReference ref, String field) throws CloudProviderException {
        if (ref == null || ref.getName() == null || ref.getName().isEmpty()) {
            throw new NodeClassNotFoundException(field, "required: a reference to an " + EC2NodeClass.KIND);
        }
        if (!EC2NodeClass.GROUP.equals(ref.getGroup()) || !EC2NodeClass.KIND.equals(ref.getKind())) {
            throw new NodeClassNotFoundException(field, "the AWS cloud serves " + EC2NodeClass.GROUP + "/" + EC2NodeClass.KIND
                    + ", not " + ref.getGroup() + "/" + ref.getKind());
        }
        EC2NodeClass nodeClass;
        try {
            nodeClass = client.resources(EC2NodeClass.class).withName(ref.getName()).get();
        } catch (KubernetesClientException e) {
            throw new CloudProviderException("reading " + EC2NodeClass.KIND + " " + ref.getName() + ": " + e.getMessage(), e);
        }
        if (nodeClass == null) {
            throw new NodeClassNotFoundException(field, EC2NodeClass.KIND + " '" + ref.getName() + "' not found");
        }
        return nodeClass;
    }

    private static String what(ResolvedNodeClass rc) {
        return EC2NodeClass.KIND + " " + rc.name();
    }

    AmiFamily family(EC2NodeClass nodeClass) throws NodeClassNotReadyException {
        return Ec2NodeClassResolver.family(EC2NodeClass.KIND + " " + nodeClass.getMetadata().getName(), nodeClass.getSpec());
    }

    /** EC2's status checks of this region's instances, read with this cloud's EC2 client. */
    public InstanceStatusChecks instanceStatusChecks() {
        return new InstanceStatusChecks(clients, clock);
    }

    /** Closes {@code companion} (a loop serving this cloud, such as the interruption queue's) when this cloud closes, first. */
    public void closeWith(AutoCloseable companion) {
        companions.add(companion);
    }

    @Override
    public void close() {
        for (AutoCloseable companion : companions) {
            try {
                companion.close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", companion, e.getMessage());
            }
        }
        clients.close();
    }
}
