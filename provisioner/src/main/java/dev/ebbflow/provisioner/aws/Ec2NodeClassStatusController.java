package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.AmiStatus;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClassStatus;
import dev.ebbflow.crds.karpenter.aws.SecurityGroupStatus;
import dev.ebbflow.crds.karpenter.aws.SubnetStatus;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every EC2NodeClass's status: what its selectors resolve to now, and the conditions
 * {@code SubnetsReady}, {@code SecurityGroupsReady}, {@code AMIsReady}, {@code InstanceProfileReady},
 * {@code CapacityReservationsReady} and {@code Ready}. A selector that matches nothing, an alias with no
 * AMI, or a refused EC2 call makes the matching condition False with a message naming the field, and a
 * Warning Event; one bad class never stops the others. Capacity reservation terms that select nothing
 * leave {@code CapacityReservationsReady} True, as in Karpenter (the class still launches on-demand and
 * spot), with a Warning Event naming the term. A class whose instance profile is made from its {@code role} carries
 * Karpenter's finalizer: once deleted, and once none of its NodeClaims is left, the profile is
 * deleted and the finalizer removed.
 */
public final class Ec2NodeClassStatusController {

    public static final String READY = "Ready";
    public static final String SUBNETS_READY = "SubnetsReady";
    public static final String SECURITY_GROUPS_READY = "SecurityGroupsReady";
    public static final String AMIS_READY = "AMIsReady";
    public static final String INSTANCE_PROFILE_READY = "InstanceProfileReady";
    public static final String CAPACITY_RESERVATIONS_READY = "CapacityReservationsReady";
    /** Karpenter's finalizer on EC2NodeClasses. */
    public static final String FINALIZER = "karpenter.k8s.aws/termination";
    private static final Logger LOG = LoggerFactory.getLogger(Ec2NodeClassStatusController.class);

    /** Where Warning Events go (the operator's Event recorder). */
    @FunctionalInterface
    public interface Events {
        void record(HasMetadata object, String type, String reason, String message);
    }

    private final KubernetesClient client;
    private final AwsCloudProvider aws;
    private final Clock clock;
    private final Events events;

    public Ec2NodeClassStatusController(KubernetesClient client, AwsCloudProvider aws, Clock clock, Events events) {
        this.client = client;
        this.aws = aws;
        this.clock = clock;
        this.events = events;
    }

    /** One pass over every EC2NodeClass. */
    public void reconcileAll() {
        try {
            for (EC2NodeClass nc : client.resources(EC2NodeClass.class).list().getItems()) {
                try {
                    reconcile(nc);
                } catch (RuntimeException e) {
                    LOG.warn("EC2NodeClass {}: status not updated: {}", nc.getMetadata().getName(), e.getMessage());
                }
            }
        } catch (KubernetesClientException e) {
            LOG.warn("listing EC2NodeClasses: {}", e.getMessage());
        }
    }

    /** One class, as soon as it is created, changed or deleted: its status, or its clean-up, without waiting for the next pass. */
    public void reconcile(String name) {
        try {
            EC2NodeClass nc = client.resources(EC2NodeClass.class).withName(name).get();
            if (nc != null) {
                reconcile(nc);
            }
        } catch (RuntimeException e) {
            LOG.warn("EC2NodeClass {}: status not updated: {}", name, e.getMessage());
        }
    }

    /** Whether a change of the class is one its status or clean-up depends on (its spec, its deletion), not a status write of ours. */
    public static boolean needsReconcile(EC2NodeClass before, EC2NodeClass after) {
        return before == null || !java.util.Objects.equals(before.getMetadata().getGeneration(), after.getMetadata().getGeneration())
                || before.getMetadata().getDeletionTimestamp() == null && after.getMetadata().getDeletionTimestamp() != null;
    }

    void reconcile(EC2NodeClass nc) {
        if (nc.getMetadata().getDeletionTimestamp() != null) {
            finalize(nc);
            return;
        }
        if (aws.managesInstanceProfile(nc) && !nc.hasFinalizer(FINALIZER)) {
            // Before the profile exists, so that deleting the class always finds the finalizer to clean it up.
            nc = client.resources(EC2NodeClass.class).resource(nc).edit(c -> {
                c.addFinalizer(FINALIZER);
                return c;
            });
        }
        EC2NodeClassStatus status = new EC2NodeClassStatus();
        Map<String, Condition> conditions = new LinkedHashMap<>();
        List<Condition> previous = nc.getStatus() == null || nc.getStatus().getConditions() == null ? List.of() : nc.getStatus().getConditions();
        String problem = null;
        try {
            ResolvedNodeClass rc = aws.resolveNow(nc);
            status.setSubnets(rc.subnets().stream().map(s -> new SubnetStatus(s.id(), s.zone(), s.zoneId())).toList());
            status.setSecurityGroups(rc.securityGroups().stream().map(g -> new SecurityGroupStatus(g.id(), g.name())).toList());
            status.setAmis(rc.amis().stream().flatMap(Ec2NodeClassStatusController::amiStatuses).toList());
            status.setInstanceProfile(rc.instanceProfile());
            for (String type : List.of(SUBNETS_READY, SECURITY_GROUPS_READY, AMIS_READY, INSTANCE_PROFILE_READY)) {
                conditions.put(type, condition(nc, previous, type, "True", type, ""));
            }
            problem = reservations(nc, rc.reservations(), status, previous, conditions);
        } catch (NodeClassNotReadyException e) {
            String failed = conditionFor(e.fieldPath());
            problem = e.getMessage();
            for (String type : List.of(SUBNETS_READY, SECURITY_GROUPS_READY, AMIS_READY, INSTANCE_PROFILE_READY, CAPACITY_RESERVATIONS_READY)) {
                conditions.put(type, type.equals(failed) ? condition(nc, previous, type, "False", reason(failed), e.getMessage())
                        : condition(nc, previous, type, "Unknown", "AwaitingReconciliation", "not checked: " + failed + " is False"));
            }
            events.record(nc, "Warning", reason(failed), e.getMessage());
        } catch (Ec2AuthorizationException e) {
            problem = e.getMessage();
            events.record(nc, "Warning", "Unauthorized", e.getMessage());
        } catch (CloudProviderException e) {
            problem = e.getMessage();
            events.record(nc, "Warning", "ResolutionFailed", e.getMessage());
        }
        boolean ready = problem == null;
        String readyReason = ready ? READY : problem.contains("not authorized") ? "Unauthorized" : "NotReady";
        conditions.put(READY, condition(nc, previous, READY, ready ? "True" : "False", readyReason, ready ? "" : problem));
        status.setConditions(new ArrayList<>(conditions.values()));
        if (!sameStatus(nc.getStatus(), status)) {
            nc.setStatus(status);
            client.resources(EC2NodeClass.class).resource(nc).updateStatus();
        }
    }

    /**
     * The selected reservations into the status and their condition; the problem that makes the class not
     * Ready (a refused or failed DescribeCapacityReservations), or null.
     */
    private String reservations(EC2NodeClass nc, CapacityReservations.Selection selection, EC2NodeClassStatus status,
                                List<Condition> previous, Map<String, Condition> conditions) {
        if (selection.failure() != null) {
            String message = CapacityReservations.FIELD + ": " + selection.failure().getMessage();
            String reason = selection.failure() instanceof Ec2AuthorizationException ? "Unauthorized" : "CapacityReservationsNotResolved";
            conditions.put(CAPACITY_RESERVATIONS_READY, condition(nc, previous, CAPACITY_RESERVATIONS_READY, "False", reason, message));
            events.record(nc, "Warning", reason, message);
            return message;
        }
        if (!selection.reservations().isEmpty()) {
            status.setCapacityReservations(selection.reservations().stream().map(r -> r.status(clock.instant())).toList());
        }
        String unmatched = selection.unmatched().isEmpty() ? ""
                : String.join(", ", selection.unmatched()) + ": no active capacity reservation matches";
        if (!unmatched.isEmpty()) {
            events.record(nc, "Warning", "CapacityReservationsNotFound", unmatched);
        }
        conditions.put(CAPACITY_RESERVATIONS_READY, condition(nc, previous, CAPACITY_RESERVATIONS_READY, "True", CAPACITY_RESERVATIONS_READY,
                unmatched));
        return null;
    }

    private void finalize(EC2NodeClass nc) {
        if (!nc.hasFinalizer(FINALIZER)) {
            return;
        }
        String name = nc.getMetadata().getName();
        long claims = client.resources(dev.ebbflow.crds.karpenter.NodeClaim.class).list().getItems().stream()
                .filter(c -> c.getSpec() != null && c.getSpec().getNodeClassRef() != null && EC2NodeClass.KIND.equals(c.getSpec().getNodeClassRef().getKind())
                        && name.equals(c.getSpec().getNodeClassRef().getName())).count();
        if (claims > 0) {
            LOG.info("EC2NodeClass {}: deleted, waiting for its {} NodeClaim(s) to terminate before removing its instance profile", name, claims);
            return;
        }
        try {
            aws.deleteInstanceProfile(nc);
        } catch (CloudProviderException e) {
            events.record(nc, "Warning", "InstanceProfileNotDeleted", e.getMessage());
            return;
        }
        client.resources(EC2NodeClass.class).resource(nc).edit(c -> {
            c.removeFinalizer(FINALIZER);
            return c;
        });
    }

    /** Which condition a field's failure belongs to. */
    static String conditionFor(String field) {
        if (field.startsWith("spec.subnetSelectorTerms")) {
            return SUBNETS_READY;
        }
        if (field.startsWith("spec.securityGroupSelectorTerms")) {
            return SECURITY_GROUPS_READY;
        }
        if (field.startsWith("spec.role") || field.startsWith("spec.instanceProfile")) {
            return INSTANCE_PROFILE_READY;
        }
        return AMIS_READY;
    }

    private static String reason(String condition) {
        return switch (condition) {
            case SUBNETS_READY -> "SubnetsNotFound";
            case SECURITY_GROUPS_READY -> "SecurityGroupsNotFound";
            case INSTANCE_PROFILE_READY -> "InstanceProfileNotReady";
            default -> "AMIsNotFound";
        };
    }

    /** A condition, keeping its last transition time while its status stays the same. */
    private Condition condition(EC2NodeClass nc, List<Condition> previous, String type, String status, String reason, String message) {
        String since = previous.stream().filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime).filter(Objects::nonNull).findFirst().orElse(clock.instant().toString());
        Condition c = new Condition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastTransitionTime(since);
        c.setObservedGeneration(nc.getMetadata().getGeneration());
        return c;
    }

    private boolean sameStatus(EC2NodeClassStatus a, EC2NodeClassStatus b) {
        return a != null && client.getKubernetesSerialization().asJson(a).equals(client.getKubernetesSerialization().asJson(b));
    }

    /** An AMI's entries in the status, one per build it is, each with its architecture and what that build requires, as Karpenter lists them. */
    private static java.util.stream.Stream<AmiStatus> amiStatuses(ResolvedNodeClass.Ami ami) {
        NodeSelectorRequirement arch = new NodeSelectorRequirement("kubernetes.io/arch", "In", List.of(ami.architecture()));
        if (ami.variants().isEmpty()) {
            return java.util.stream.Stream.of(new AmiStatus(ami.id(), ami.name(), List.of(arch)));
        }
        return ami.variants().stream().map(v -> {
            List<NodeSelectorRequirement> requirements = new java.util.ArrayList<>(List.of(arch));
            requirements.addAll(v.requirements());
            return new AmiStatus(ami.id(), ami.name(), requirements);
        });
    }
}
