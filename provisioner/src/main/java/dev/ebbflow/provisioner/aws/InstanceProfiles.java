package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The instance profile of an EC2NodeClass that names a {@code role} rather than an
 * {@code instanceProfile}, as Karpenter manages it: one profile per cluster and node class, named
 * deterministically, tagged with the cluster and class, holding that role (replaced when the role
 * changes), and deleted with the class. A profile of that name without this cluster's tags is
 * someone else's and is never deleted. A refused IAM call or a role that does not exist is a
 * problem of {@code spec.role}.
 */
final class InstanceProfiles {

    static final String FIELD = "spec.role";
    private static final int MAX_NAME = 128;
    private static final Logger LOG = LoggerFactory.getLogger(InstanceProfiles.class);

    private final AwsClients clients;
    private final AwsSettings settings;

    InstanceProfiles(AwsClients clients, AwsSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    /** {@code <cluster>_<hash of region and class>}, as Karpenter names them, within IAM's 128 characters. */
    static String name(String cluster, String region, String nodeClass) {
        String suffix = "_" + Long.toUnsignedString(fnv1a64(region + "/" + nodeClass));
        String prefix = cluster.length() + suffix.length() > MAX_NAME ? cluster.substring(0, MAX_NAME - suffix.length()) : cluster;
        return prefix + suffix;
    }

    /** A role named by ARN ({@code arn:aws:iam::<account>:role/<path>/<name>}) is added by its name. */
    static String roleName(String role) {
        String r = role.trim();
        return r.startsWith("arn:") ? r.substring(r.lastIndexOf('/') + 1) : r;
    }

    String nameOf(EC2NodeClass nc) {
        return name(settings.clusterName(), settings.region(), nc.getMetadata().getName());
    }

    Map<String, String> tags(EC2NodeClass nc) {
        Map<String, String> tags = new TreeMap<>();
        if (nc.getSpec().getTags() != null) {
            tags.putAll(nc.getSpec().getTags());
        }
        tags.put("kubernetes.io/cluster/" + settings.clusterName(), "owned");
        tags.put("eks:eks-cluster-name", settings.clusterName());
        tags.put(Ec2Labels.EC2NODECLASS, nc.getMetadata().getName());
        tags.put("topology.kubernetes.io/region", settings.region());
        return tags;
    }

    /** Creates or finds the class's profile and makes it hold the class's role; returns its name. */
    String ensure(String what, EC2NodeClass nc) throws CloudProviderException {
        String name = nameOf(nc);
        String role = roleName(nc.getSpec().getRole());
        InstanceProfile profile = find(what, name).orElse(null);
        if (profile == null) {
            profile = create(what, nc, name);
        }
        List<String> held = profile.roles().stream().map(Role::roleName).toList();
        if (held.contains(role)) {
            return name;
        }
        for (String other : held) {
            call(what, "RemoveRoleFromInstanceProfile", () -> clients.iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName(name).roleName(other)));
        }
        try {
            call(what, "AddRoleToInstanceProfile", () -> clients.iam.addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName(role)));
        } catch (IamCallException e) {
            if (e.code.equals("NoSuchEntity")) {
                throw new NodeClassNotReadyException(what, FIELD, "role '" + role + "' does not exist (" + e.getMessage() + ")");
            }
            throw e;
        }
        LOG.info("{}: instance profile {} holds role {}", what, name, role);
        return name;
    }

    private InstanceProfile create(String what, EC2NodeClass nc, String name) throws CloudProviderException {
        List<Tag> tags = tags(nc).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        try {
            InstanceProfile created = call(what, "CreateInstanceProfile", () -> clients.iam.createInstanceProfile(r -> r.instanceProfileName(name)
                    .path("/karpenter/" + settings.region() + "/" + settings.clusterName() + "/").tags(tags)).instanceProfile());
            LOG.info("{}: created instance profile {}", what, name);
            return created;
        } catch (IamCallException e) {
            if (e.code.equals("EntityAlreadyExists")) {
                // Created since we looked (another replica, a retry): the same profile.
                return find(what, name).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private Optional<InstanceProfile> find(String what, String name) throws CloudProviderException {
        try {
            return Optional.of(call(what, "GetInstanceProfile", () -> clients.iam.getInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile()));
        } catch (IamCallException e) {
            if (e.code.equals("NoSuchEntity")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Removes the class's profile if this cluster made it for the class: its roles first, then the
     * profile. Gone already is done.
     *
     * @return whether a profile was deleted
     */
    boolean delete(EC2NodeClass nc) throws CloudProviderException {
        String what = EC2NodeClass.KIND + " " + nc.getMetadata().getName();
        String name = nameOf(nc);
        Optional<InstanceProfile> profile = find(what, name);
        if (profile.isEmpty()) {
            return false;
        }
        Map<String, String> tags = new TreeMap<>();
        profile.get().tags().forEach(t -> tags.put(t.key(), t.value()));
        if (!"owned".equals(tags.get("kubernetes.io/cluster/" + settings.clusterName()))
                || !nc.getMetadata().getName().equals(tags.get(Ec2Labels.EC2NODECLASS))) {
            LOG.info("{}: instance profile {} was not made by this cluster for this class, left alone", what, name);
            return false;
        }
        try {
            for (Role role : profile.get().roles()) {
                call(what, "RemoveRoleFromInstanceProfile", () -> clients.iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName(name)
                        .roleName(role.roleName())));
            }
            call(what, "DeleteInstanceProfile", () -> clients.iam.deleteInstanceProfile(r -> r.instanceProfileName(name)));
        } catch (IamCallException e) {
            if (e.code.equals("NoSuchEntity")) {
                return true;
            }
            throw e;
        }
        LOG.info("{}: deleted instance profile {}", what, name);
        return true;
    }

    /** An IAM call's failure with its error code; a refused one is a problem of {@code spec.role}. */
    static final class IamCallException extends CloudProviderException {
        final String code;

        IamCallException(String message, String code, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }

    private static <T> T call(String what, String action, AwsErrors.Call<T> call) throws CloudProviderException {
        try {
            return call.run();
        } catch (SdkException e) {
            String code = AwsErrors.code(e).orElse("");
            CloudProviderException mapped = AwsErrors.map(action, e);
            if (mapped instanceof Ec2AuthorizationException) {
                throw new NodeClassNotReadyException(what, FIELD, "not authorized to manage its instance profile: " + mapped.getMessage());
            }
            throw new IamCallException(mapped.getMessage(), code, e);
        }
    }

    private static long fnv1a64(String s) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
