package dev.ebbflow.provisioner.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimSpec;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.cloud.CheapestFirstLauncher;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.LaunchCandidate;
import dev.ebbflow.provisioner.cloud.LaunchCandidates;
import dev.ebbflow.provisioner.cloud.NodeClaimNotFoundException;
import dev.ebbflow.provisioner.cloud.NodeClassNotFoundException;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Azure cloud behind {@link CloudProvider}: a claim becomes a NIC and a VM named after it in the
 * node resource group, so that launching twice for one claim (a retry, an operator restart before the
 * claim's status was written) PUTs the same resources instead of buying a second VM. Capacity errors
 * move on to the next cheapest offering and mark the one that failed unavailable.
 */
public final class AzureCloudProvider implements CloudProvider {

    public static final String NAME = "azure";
    static final String COMPUTE_API = "2024-07-01";
    static final String NETWORK_API = "2024-05-01";
    private static final Logger LOG = LoggerFactory.getLogger(AzureCloudProvider.class);

    private final KubernetesClient client;
    private final AzureConfig config;
    private final ArmClient arm;
    private final AzureCatalog catalog;
    private final UnavailableOfferings unavailable;
    private final CheapestFirstLauncher launcher;
    private final AksImageVersions images;
    private final java.util.concurrent.atomic.AtomicReference<String> authorizationError = new java.util.concurrent.atomic.AtomicReference<>();

    public AzureCloudProvider(KubernetesClient client, AzureConfig config, ArmClient arm, AzureCatalog catalog, UnavailableOfferings unavailable) {
        this(client, config, arm, catalog, unavailable, java.time.Clock.systemUTC());
    }

    public AzureCloudProvider(KubernetesClient client, AzureConfig config, ArmClient arm, AzureCatalog catalog, UnavailableOfferings unavailable,
                              java.time.Clock clock) {
        this.images = new AksImageVersions(arm, config, clock);
        this.client = client;
        this.config = config;
        this.arm = arm;
        this.catalog = catalog;
        this.unavailable = unavailable;
        this.launcher = new CheapestFirstLauncher(unavailable);
    }

    /**
     * The adapter as the operator runs it: tokens from {@code tokens}, the APIs over HTTPS trusting the
     * JVM's CAs or only {@code trustedCertificates}, throttling waits really slept.
     */
    public static AzureCloudProvider create(KubernetesClient client, AzureConfig config, ArmTokens tokens,
                                            java.util.Optional<java.nio.file.Path> trustedCertificates, java.time.Clock clock) {
        ArmClient arm = new ArmClient(AzureHttp.client(trustedCertificates), config.armEndpoint(), tokens, d -> Thread.sleep(d.toMillis()));
        return new AzureCloudProvider(client, config, arm, new AzureCatalog(arm, config.catalogSource(), clock), new UnavailableOfferings(clock), clock);
    }

    /**
     * The live catalog (default node class settings) read once, without a cluster: for
     * {@code ebbflow catalog export --cloud azure}. The API endpoints are trusted by the JVM's CAs or
     * only by {@code trustedCertificates}.
     *
     * @throws AzureAuthorizationException when Azure refuses the credentials or their rights (401, 403)
     * @throws CloudProviderException when Resource Manager or the prices API cannot be reached or fails
     */
    public static List<InstanceType> readCatalog(AzureCatalog.Source source, java.net.URI armEndpoint, ArmTokens tokens,
                                                 java.util.Optional<java.nio.file.Path> trustedCertificates, java.time.Clock clock)
            throws CloudProviderException {
        ArmClient arm = new ArmClient(AzureHttp.client(trustedCertificates), armEndpoint, tokens, d -> Thread.sleep(d.toMillis()));
        try {
            return new AzureCatalog(arm, source, clock).instanceTypes();
        } catch (ArmException e) {
            String doing = "reading the VM sizes and prices of " + source.location() + " in subscription " + source.subscriptionId();
            if (e.unauthorized()) {
                throw new AzureAuthorizationException("Azure refused " + doing + " (" + e.getMessage() + ")", e);
            }
            throw new CloudProviderException(doing + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The live catalog (default node class settings), e.g. for {@code ebbflow catalog export --cloud azure}. */
    public List<InstanceType> catalog() throws CloudProviderException {
        try {
            return catalog.instanceTypes();
        } catch (ArmException e) {
            throw AzureErrors.of(e, "reading the VM sizes of " + config.location());
        }
    }

    /** The node images node classes resolve to (pinned, or the galleries' newest). */
    public AksImageVersions images() {
        return images;
    }

    /**
     * The image a VM of that architecture boots: from the node class's {@code status.images} when they
     * were resolved for its current spec, else resolved now (a class whose status was not written yet).
     */
    private String image(AKSNodeClass nodeClass, String architecture) throws AksImagesUnavailableException {
        List<dev.ebbflow.crds.azure.NodeImage> resolved = AksNodeClassStatuses.currentImages(nodeClass).orElse(null);
        if (resolved == null) {
            resolved = images.images(nodeClass);
        }
        return AksImageVersions.imageFor(resolved, architecture).orElseThrow(() -> new AksImagesUnavailableException(
                nodeClass.getMetadata().getName(), AksImagesUnavailableException.REASON_NOT_FOUND, "no node image for " + architecture));
    }

    /** Why Azure last refused our credentials or rights, until a call succeeds again. */
    public Optional<String> authorizationError() {
        return Optional.ofNullable(authorizationError.get());
    }

    @Override
    public NodeClaim create(NodeClaim claim) throws CloudProviderException {
        try {
            NodeClaim launched = launchOrFind(claim);
            authorizationError.set(null);
            return launched;
        } catch (AzureAuthorizationException e) {
            authorizationError.set(e.getMessage());
            throw e;
        }
    }

    private NodeClaim launchOrFind(NodeClaim claim) throws CloudProviderException {
        String claimName = claim.getMetadata().getName();
        AKSNodeClass nodeClass = nodeClass(claim.getSpec().getNodeClassRef(), "spec.nodeClassRef");
        String vmName = AzureVmRequests.vmName(claimName);
        Optional<JsonNode> existing = vm(vmName);
        if (existing.isPresent() && "Succeeded".equals(existing.get().path("properties").path("provisioningState").asText())) {
            LOG.info("nodeclaim {}: its VM {} exists already", claimName, vmName);
            return describe(existing.get(), claim, nodeClass);
        }
        List<InstanceType> types = instanceTypes(nodeClass, mode(claim));
        List<LaunchCandidate> candidates;
        try {
            candidates = LaunchCandidates.rank(claim.getSpec(), types);
        } catch (IllegalArgumentException e) {
            throw new CloudProviderException("nodeclaim " + claimName + ": " + e.getMessage());
        }
        Map<String, String> tags = AzureVmRequests.tags(claim, nodeClass, config);
        String subnet = subnet(nodeClass);
        return launcher.launch(claimName, candidates, c -> launch(claim, c, vmName, subnet, tags, nodeClass));
    }

    private NodeClaim launch(NodeClaim claim, LaunchCandidate c, String vmName, String subnet, Map<String, String> tags,
                             AKSNodeClass nodeClass) throws CloudProviderException {
        boolean accelerated = Boolean.parseBoolean(c.instanceType().labels().get(AzureLabels.SKU_NETWORKING_ACCELERATED));
        String imageId = image(nodeClass, c.instanceType().architecture());
        String nicId;
        try {
            nicId = arm.put(config.nicPath(vmName) + "?api-version=" + NETWORK_API, AzureVmRequests.nic(subnet, accelerated, tags, config))
                    .path("id").asText(config.nicPath(vmName));
        } catch (ArmException e) {
            throw AzureErrors.of(e, "creating NIC " + vmName);
        }
        NodeClaim launched = launched(claim, c, providerId(config.vmPath(vmName)), imageId, subnet);
        String customData = AksBootstrap.customData(launched, c, nodeClass.getSpec(), subnet, config);
        try {
            JsonNode vm = arm.put(config.vmPath(vmName) + "?api-version=" + COMPUTE_API,
                    AzureVmRequests.vm(vmName, c, nicId, imageId, customData, nodeClass, tags, config));
            return launched(claim, c, providerId(vm.path("id").asText(config.vmPath(vmName))), imageId, subnet);
        } catch (ArmException e) {
            if (AzureErrors.isCapacity(e)) {
                // A VM that failed to allocate stays behind in a failed state under the claim's name; the next
                // offering is PUT under the same name, which Azure refuses to resize in place, so it goes first.
                deleteQuietly(config.vmPath(vmName) + "?api-version=" + COMPUTE_API);
            }
            throw AzureErrors.ofLaunch(e, c);
        }
    }

    /**
     * The claim as launched this way, with the labels only written to AKS's nodes (role, priority, node
     * image, kubelet identity, network) besides the instance type's: the kubelet sets the same ones.
     */
    private NodeClaim launched(NodeClaim claim, LaunchCandidate c, String providerId, String imageId, String subnet) {
        NodeClaim launched = c.launched(claim, providerId, imageId);
        Map<String, String> labels = new java.util.LinkedHashMap<>(launched.getMetadata().getLabels());
        labels.putAll(AksNodeLabels.written(c.offering().capacityType(), imageId, subnet, config.nodeSettings()));
        launched.getMetadata().setLabels(labels);
        return launched;
    }

    private String subnet(AKSNodeClass nodeClass) {
        return nodeClass.getSpec().getVnetSubnetID() != null ? nodeClass.getSpec().getVnetSubnetID() : config.defaultSubnetId();
    }

    private static String mode(NodeClaim claim) {
        return AksNodeLabels.mode(claim.getMetadata().getLabels(), claim.getSpec() == null ? null : claim.getSpec().getRequirements());
    }

    @Override
    public void delete(NodeClaim claim) throws CloudProviderException {
        String providerId = claim.getStatus() == null ? null : claim.getStatus().getProviderID();
        String vmName = vmName(providerId).orElseGet(() -> AzureVmRequests.vmName(claim.getMetadata().getName()));
        Optional<JsonNode> vm = vm(vmName);
        if (vm.isEmpty()) {
            deleteQuietly(config.nicPath(vmName) + "?api-version=" + NETWORK_API);
            throw new NodeClaimNotFoundException("Azure VM " + vmName + " of nodeclaim " + claim.getMetadata().getName() + " not found");
        }
        try {
            arm.delete(config.vmPath(vmName) + "?api-version=" + COMPUTE_API);
            // The VM deletes its NIC (deleteOption Delete); a NIC left from a launch that never got its VM goes here.
            deleteQuietly(config.nicPath(vmName) + "?api-version=" + NETWORK_API);
        } catch (ArmException e) {
            throw AzureErrors.of(e, "deleting VM " + vmName);
        }
    }

    private void deleteQuietly(String path) {
        try {
            arm.delete(path);
        } catch (ArmException e) {
            if (!e.notFound()) {
                LOG.warn("deleting {}: {}", path, e.getMessage());
            }
        }
    }

    @Override
    public NodeClaim get(String providerId) throws CloudProviderException {
        String vmName = vmName(providerId).orElseThrow(() -> new NodeClaimNotFoundException("not an Azure VM provider ID: " + providerId));
        JsonNode vm = vm(vmName).orElseThrow(() -> new NodeClaimNotFoundException("Azure VM " + vmName + " not found"));
        return describe(vm, null, null);
    }

    @Override
    public List<NodeClaim> list() throws CloudProviderException {
        List<NodeClaim> claims = new ArrayList<>();
        try {
            JsonNode page = arm.get(config.nodeGroupPath() + "/providers/Microsoft.Compute/virtualMachines?api-version=" + COMPUTE_API);
            while (true) {
                for (JsonNode vm : page.path("value")) {
                    if (config.clusterName().equals(vm.path("tags").path(AzureLabels.TAG_CLUSTER).asText(null))) {
                        claims.add(describe(vm, null, null));
                    }
                }
                String next = page.path("nextLink").asText("");
                if (next.isEmpty()) {
                    return claims;
                }
                page = arm.getAbsolute(java.net.URI.create(next), false);
            }
        } catch (ArmException e) {
            throw AzureErrors.of(e, "listing the VMs of " + config.nodeResourceGroup());
        }
    }

    @Override
    public List<InstanceType> instanceTypes(NodePool nodePool) throws CloudProviderException {
        return instanceTypes(nodeClass(nodeClassRef(nodePool), "spec.template.spec.nodeClassRef"), mode(nodePool));
    }

    private static String mode(NodePool nodePool) {
        var template = nodePool.getSpec() == null ? null : nodePool.getSpec().getTemplate();
        if (template == null) {
            return AksNodeLabels.MODE_USER;
        }
        return AksNodeLabels.mode(template.getMetadata() == null ? null : template.getMetadata().getLabels(),
                template.getSpec() == null ? null : template.getSpec().getRequirements());
    }

    private List<InstanceType> instanceTypes(AKSNodeClass nodeClass, String mode) throws CloudProviderException {
        try {
            List<InstanceType> types = unavailable.apply(catalog.instanceTypes(shape(nodeClass, mode)));
            authorizationError.set(null);
            return types;
        } catch (ArmException e) {
            CloudProviderException error = AzureErrors.of(e, "reading the VM sizes of " + config.location());
            if (error instanceof AzureAuthorizationException) {
                authorizationError.set(error.getMessage());
            }
            throw error;
        }
    }

    /** The instance types' shape for a node class in a NodePool of that mode: its capacity settings and its AKS labels. */
    private AzureInstanceTypes.Shape shape(AKSNodeClass nodeClass, String mode) {
        Integer maxPods = nodeClass.getSpec().getMaxPods();
        return new AzureInstanceTypes.Shape(maxPods == null ? AzureInstanceTypes.DEFAULT_MAX_PODS : maxPods,
                nodeClass.getSpec().osDiskSizeGBOrDefault(), AksNodeLabels.selectable(nodeClass.getSpec(), mode, config),
                AksNodeLabels.absent(nodeClass.getSpec()));
    }

    /** Drifted when the VM boots another image than its node class now resolves to (a new image family or version). */
    @Override
    public Optional<String> isDrifted(NodeClaim claim) throws CloudProviderException {
        String providerId = claim.getStatus() == null ? null : claim.getStatus().getProviderID();
        Optional<String> vmName = vmName(providerId);
        if (vmName.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> vm = vm(vmName.get());
        if (vm.isEmpty()) {
            return Optional.empty();
        }
        AKSNodeClass nodeClass = nodeClass(claim.getSpec().getNodeClassRef(), "spec.nodeClassRef");
        String arch = claim.getMetadata().getLabels() == null ? "amd64" : claim.getMetadata().getLabels().getOrDefault(KarpenterLabels.ARCH, "amd64");
        String booted = vm.get().path("properties").path("storageProfile").path("imageReference").path("communityGalleryImageId").asText("");
        String wanted;
        try {
            wanted = image(nodeClass, arch);
        } catch (AksImagesUnavailableException e) {
            // Nothing to compare with: the node class's status says why, and no node is replaced meanwhile.
            return Optional.empty();
        }
        return booted.equalsIgnoreCase(wanted) ? Optional.empty() : Optional.of("ImageDrift");
    }

    private Optional<JsonNode> vm(String vmName) throws CloudProviderException {
        try {
            return Optional.of(arm.get(config.vmPath(vmName) + "?api-version=" + COMPUTE_API));
        } catch (ArmException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw AzureErrors.of(e, "reading VM " + vmName);
        }
    }

    /** A VM as the NodeClaim it runs for: the claim itself when known, else one rebuilt from its tags and size. */
    private NodeClaim describe(JsonNode vm, NodeClaim claim, AKSNodeClass nodeClass) throws CloudProviderException {
        JsonNode tags = vm.path("tags");
        String size = vm.path("properties").path("hardwareProfile").path("vmSize").asText();
        List<InstanceType> types;
        try {
            types = nodeClass == null ? catalog.instanceTypes() : catalog.instanceTypes(shape(nodeClass, mode(claim)));
        } catch (ArmException e) {
            throw AzureErrors.of(e, "reading the VM sizes of " + config.location());
        }
        InstanceType type = types.stream().filter(t -> t.name().equals(size)).findFirst()
                .orElseThrow(() -> new CloudProviderException("VM " + vm.path("name").asText() + " runs size " + size + ", not in the catalog of " + config.location()));
        List<String> zones = new ArrayList<>();
        vm.path("zones").forEach(z -> zones.add(config.location() + "-" + z.asText()));
        String zone = zones.isEmpty() ? AzureInstanceTypes.REGIONAL_ZONE : zones.get(0);
        String capacityType = "Spot".equals(vm.path("properties").path("priority").asText()) ? Offering.SPOT : Offering.ON_DEMAND;
        Offering offering = type.offerings().stream().filter(o -> o.zone().equals(zone) && o.capacityType().equals(capacityType)).findFirst()
                .orElse(new Offering(zone, capacityType, 0, true));
        NodeClaim base = claim;
        if (base == null) {
            base = new NodeClaim();
            Map<String, String> labels = new HashMap<>();
            if (tags.has(AzureLabels.TAG_NODEPOOL)) {
                labels.put(KarpenterLabels.NODE_POOL, tags.path(AzureLabels.TAG_NODEPOOL).asText());
            }
            base.setMetadata(new ObjectMetaBuilder().withName(tags.path(AzureLabels.TAG_NODECLAIM)
                    .asText(AzureVmRequests.claimName(vm.path("name").asText()).orElse(vm.path("name").asText()))).withLabels(labels)
                    .withCreationTimestamp(timeCreated(vm).orElse(null))
                    .build());
            base.setSpec(new NodeClaimSpec());
        }
        String imageId = vm.path("properties").path("storageProfile").path("imageReference").path("communityGalleryImageId").asText(null);
        LaunchCandidate candidate = new LaunchCandidate(type, offering, "linux");
        return nodeClass == null ? candidate.launched(base, providerId(vm.path("id").asText()), imageId)
                : launched(base, candidate, providerId(vm.path("id").asText()), imageId, subnet(nodeClass));
    }

    /**
     * When the VM was created ({@code properties.timeCreated}, with an offset as ARM writes it), as an
     * RFC 3339 instant: garbage collection leaves a VM alone until it knows the VM's age.
     */
    static Optional<String> timeCreated(JsonNode vm) {
        String text = vm.path("properties").path("timeCreated").asText("");
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(java.time.OffsetDateTime.parse(text).toInstant().toString());
        } catch (java.time.format.DateTimeParseException e) {
            LOG.warn("VM {}: unreadable timeCreated '{}'", vm.path("name").asText(), text);
            return Optional.empty();
        }
    }

    static String providerId(String vmId) {
        return "azure://" + vmId;
    }

    /** The VM name of an Azure provider ID ({@code azure:///subscriptions/.../virtualMachines/<name>}). */
    static Optional<String> vmName(String providerId) {
        if (providerId == null || !providerId.startsWith("azure://") || !providerId.contains("/virtualMachines/")) {
            return Optional.empty();
        }
        return Optional.of(providerId.substring(providerId.lastIndexOf('/') + 1));
    }

    private static NodeClassReference nodeClassRef(NodePool nodePool) {
        return nodePool.getSpec() == null || nodePool.getSpec().getTemplate() == null
                || nodePool.getSpec().getTemplate().getSpec() == null ? null
                : nodePool.getSpec().getTemplate().getSpec().getNodeClassRef();
    }

    private AKSNodeClass nodeClass(NodeClassReference ref, String field) throws CloudProviderException {
        if (ref == null || ref.getName() == null || ref.getName().isEmpty()) {
            throw new NodeClassNotFoundException(field, "required: a reference to an " + AKSNodeClass.KIND);
        }
        if (!AKSNodeClass.GROUP.equals(ref.getGroup()) || !AKSNodeClass.KIND.equals(ref.getKind())) {
            throw new NodeClassNotFoundException(field, "the Azure cloud serves " + AKSNodeClass.GROUP + "/" + AKSNodeClass.KIND
                    + ", not " + ref.getGroup() + "/" + ref.getKind());
        }
        AKSNodeClass nodeClass;
        try {
            nodeClass = client.resources(AKSNodeClass.class).withName(ref.getName()).get();
        } catch (KubernetesClientException e) {
            throw new CloudProviderException("reading " + AKSNodeClass.KIND + " " + ref.getName() + ": " + e.getMessage(), e);
        }
        if (nodeClass == null) {
            throw new NodeClassNotFoundException(field, AKSNodeClass.KIND + " '" + ref.getName() + "' not found");
        }
        return nodeClass;
    }
}
