package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.AmiFamily;
import dev.ebbflow.crds.karpenter.aws.AmiSelectorTerm;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClassSpec;
import dev.ebbflow.crds.karpenter.aws.SecurityGroupSelectorTerm;
import dev.ebbflow.crds.karpenter.aws.SubnetSelectorTerm;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Resolves an EC2NodeClass's selector terms against EC2 (DescribeSubnets, DescribeSecurityGroups,
 * DescribeImages, the AMI ids of {@code ssmParameter} and {@code alias} terms from SSM's
 * GetParameter) and the capacity reservations it selects ({@link CapacityReservations}). A term list
 * that matches nothing, or an alias whose AMIs do not exist, is a {@link NodeClassNotReadyException}
 * naming the field; the reservations' outcome is kept apart, as its own condition.
 */
final class Ec2NodeClassResolver {

    private final AwsClients clients;
    private final Supplier<String> kubernetesMinorVersion;
    private final InstanceProfiles instanceProfiles;
    private final CapacityReservations reservations;

    Ec2NodeClassResolver(AwsClients clients, Supplier<String> kubernetesMinorVersion, InstanceProfiles instanceProfiles,
                         CapacityReservations reservations) {
        this.clients = clients;
        this.kubernetesMinorVersion = kubernetesMinorVersion;
        this.instanceProfiles = instanceProfiles;
        this.reservations = reservations;
    }

    ResolvedNodeClass resolve(EC2NodeClass nodeClass) throws CloudProviderException {
        EC2NodeClassSpec spec = nodeClass.getSpec();
        String what = EC2NodeClass.KIND + " " + nodeClass.getMetadata().getName();
        return new ResolvedNodeClass(nodeClass, subnets(what, spec), securityGroups(what, spec), amis(what, spec), family(what, spec),
                instanceProfile(what, nodeClass), reservations.select(nodeClass));
    }

    List<ResolvedNodeClass.Subnet> subnets(String what, EC2NodeClassSpec spec) throws CloudProviderException {
        Map<String, ResolvedNodeClass.Subnet> found = new LinkedHashMap<>();
        for (SubnetSelectorTerm term : nonNull(spec.getSubnetSelectorTerms())) {
            List<Filter> filters = tagFilters(term.getTags());
            if (term.getId() != null) {
                filters.add(filter("subnet-id", term.getId()));
            }
            AwsErrors.call("DescribeSubnets", () -> clients.ec2.describeSubnetsPaginator(r -> r.filters(filters)).subnets().stream().toList())
                    .forEach(s -> found.putIfAbsent(s.subnetId(), new ResolvedNodeClass.Subnet(s.subnetId(), s.availabilityZone(),
                            s.availabilityZoneId(), s.availableIpAddressCount() == null ? 0 : s.availableIpAddressCount())));
        }
        if (found.isEmpty()) {
            throw new NodeClassNotReadyException(what, "spec.subnetSelectorTerms", "no subnet matches the selector terms");
        }
        return List.copyOf(found.values());
    }

    List<ResolvedNodeClass.SecurityGroup> securityGroups(String what, EC2NodeClassSpec spec) throws CloudProviderException {
        Map<String, ResolvedNodeClass.SecurityGroup> found = new LinkedHashMap<>();
        for (SecurityGroupSelectorTerm term : nonNull(spec.getSecurityGroupSelectorTerms())) {
            List<Filter> filters = tagFilters(term.getTags());
            if (term.getId() != null) {
                filters.add(filter("group-id", term.getId()));
            }
            if (term.getName() != null) {
                filters.add(filter("group-name", term.getName()));
            }
            AwsErrors.call("DescribeSecurityGroups", () -> clients.ec2.describeSecurityGroupsPaginator(r -> r.filters(filters))
                    .securityGroups().stream().toList())
                    .forEach(g -> found.putIfAbsent(g.groupId(), new ResolvedNodeClass.SecurityGroup(g.groupId(), g.groupName())));
        }
        if (found.isEmpty()) {
            throw new NodeClassNotReadyException(what, "spec.securityGroupSelectorTerms", "no security group matches the selector terms");
        }
        return List.copyOf(found.values());
    }

    /**
     * The newest matching AMI per architecture and build: an alias's images come with the builds
     * (standard, NVIDIA, Neuron) their SSM parameters name, so a GPU type boots the NVIDIA image;
     * other terms' images fit any type of their architecture.
     */
    List<ResolvedNodeClass.Ami> amis(String what, EC2NodeClassSpec spec) throws CloudProviderException {
        List<ResolvedNodeClass.Ami> found = new ArrayList<>();
        List<AmiSelectorTerm> terms = nonNull(spec.getAmiSelectorTerms());
        for (int i = 0; i < terms.size(); i++) {
            AmiSelectorTerm term = terms.get(i);
            String field = "spec.amiSelectorTerms[" + i + "]";
            if (term.getAlias() != null) {
                found.addAll(aliasImages(what, field + ".alias", term.getAlias()));
                continue;
            }
            String ssmImage = term.getSsmParameter() == null ? null
                    : ssmParameter(term.getSsmParameter()).orElseThrow(() -> new NodeClassNotReadyException(
                            what, field + ".ssmParameter", "SSM parameter '" + term.getSsmParameter() + "' does not exist"));
            List<Image> matched = describeImages(ssmImage != null
                    ? DescribeImagesRequest.builder().filters(filter("image-id", ssmImage)).build() : request(term));
            if (matched.isEmpty() && ssmImage != null) {
                throw new NodeClassNotReadyException(what, field + ".ssmParameter", "SSM parameter '" + term.getSsmParameter()
                        + "' names AMI " + ssmImage + ", which does not exist");
            }
            matched.forEach(img -> ami(img, List.of()).ifPresent(found::add));
        }
        Map<String, ResolvedNodeClass.Ami> newest = new LinkedHashMap<>();
        found.stream().sorted(Comparator.comparing((ResolvedNodeClass.Ami a) -> a.created() == null ? "" : a.created()).reversed()
                        .thenComparing(ResolvedNodeClass.Ami::id))
                .forEach(a -> newest.putIfAbsent(a.architecture() + " " + a.variants(), a));
        if (newest.isEmpty()) {
            throw new NodeClassNotReadyException(what, "spec.amiSelectorTerms", "no AMI matches the selector terms");
        }
        return List.copyOf(newest.values());
    }

    /** An alias's images: its SSM parameters' ids (the missing ones skipped, as not every build exists), then DescribeImages. */
    private List<ResolvedNodeClass.Ami> aliasImages(String what, String field, String alias) throws CloudProviderException {
        String k8s = kubernetesMinorVersion.get();
        List<AmiAliases.Parameter> parameters = AmiAliases.parameters(what, field, alias, k8s);
        Map<String, List<AmiVariant>> variantsById = new LinkedHashMap<>();
        for (AmiAliases.Parameter parameter : parameters) {
            ssmParameter(parameter.name()).ifPresent(id -> {
                List<AmiVariant> variants = new ArrayList<>(variantsById.getOrDefault(id, List.of()));
                variants.addAll(parameter.variants());
                variantsById.put(id, List.copyOf(variants));
            });
        }
        if (variantsById.isEmpty()) {
            throw new NodeClassNotReadyException(what, field, "no AMI exists for alias '" + alias + "' on Kubernetes " + k8s
                    + ": none of its SSM parameters exists (" + String.join(", ", parameters.stream().map(AmiAliases.Parameter::name).toList())
                    + ")");
        }
        List<ResolvedNodeClass.Ami> amis = new ArrayList<>();
        // A pinned release may be deprecated by now and still be what the class asks for, as Karpenter lets it.
        for (Image img : describeImages(DescribeImagesRequest.builder().includeDeprecated(true)
                .filters(filter("image-id", variantsById.keySet().toArray(String[]::new))).build())) {
            ami(img, variantsById.getOrDefault(img.imageId(), List.of())).ifPresent(amis::add);
        }
        if (amis.isEmpty()) {
            throw new NodeClassNotReadyException(what, field, "alias '" + alias + "' names AMIs " + String.join(", ", variantsById.keySet())
                    + " in SSM, none of which exists and is available");
        }
        return amis;
    }

    private List<Image> describeImages(DescribeImagesRequest request) throws CloudProviderException {
        return AwsErrors.call("DescribeImages", () -> clients.ec2.describeImagesPaginator(request).images().stream().toList());
    }

    private static Optional<ResolvedNodeClass.Ami> ami(Image img, List<AmiVariant> variants) {
        if (img.state() != null && !"available".equals(img.stateAsString())) {
            return Optional.empty();
        }
        return architecture(img.architectureAsString()).map(arch -> new ResolvedNodeClass.Ami(img.imageId(), img.name(), arch,
                img.creationDate(), variants));
    }

    /** The value of an SSM parameter (an AMI id, as AWS publishes the EKS-optimised ones, or a team its own); empty if it does not exist. */
    private Optional<String> ssmParameter(String name) throws CloudProviderException {
        try {
            return Optional.of(AwsErrors.call("GetParameter", () -> clients.ssm.getParameter(r -> r.name(name)).parameter().value())
                    .trim());
        } catch (CloudProviderException e) {
            if (AwsErrors.code(e.getCause()).filter(c -> c.equals("ParameterNotFound")).isPresent()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static AmiFamily family(String what, EC2NodeClassSpec spec) throws NodeClassNotReadyException {
        AmiFamily family = spec.getAmiFamily();
        String field = "spec.amiFamily";
        List<AmiSelectorTerm> terms = nonNull(spec.getAmiSelectorTerms());
        for (int i = 0; family == null && i < terms.size(); i++) {
            if (terms.get(i).getAlias() != null) {
                family = AmiAliases.family(terms.get(i).getAlias());
                field = "spec.amiSelectorTerms[" + i + "].alias";
            }
        }
        if (family == null) {
            throw new NodeClassNotReadyException(what, "spec.amiFamily", "required when amiSelectorTerms has no alias");
        }
        if (family == AmiFamily.Windows2019 || family == AmiFamily.Windows2022) {
            throw new NodeClassNotReadyException(what, field, family + " nodes are not supported by Ebbflow");
        }
        return family;
    }

    /** The profile the class names, or the one made for its role. */
    String instanceProfile(String what, EC2NodeClass nodeClass) throws CloudProviderException {
        EC2NodeClassSpec spec = nodeClass.getSpec();
        if (spec.getInstanceProfile() != null && !spec.getInstanceProfile().isBlank()) {
            return spec.getInstanceProfile();
        }
        if (spec.getRole() == null || spec.getRole().isBlank()) {
            throw new NodeClassNotReadyException(what, "spec.role", "one of spec.role and spec.instanceProfile is required");
        }
        return instanceProfiles.ensure(what, nodeClass);
    }

    private static DescribeImagesRequest request(AmiSelectorTerm term) {
        List<Filter> filters = tagFilters(term.getTags());
        if (term.getId() != null) {
            filters.add(filter("image-id", term.getId()));
        }
        if (term.getName() != null) {
            filters.add(filter("name", term.getName()));
        }
        DescribeImagesRequest.Builder b = DescribeImagesRequest.builder().filters(filters);
        if (term.getOwner() != null) {
            b.owners(term.getOwner());
        } else if (term.getId() == null) {
            // Karpenter's default owners keep a name selector from matching someone else's public image.
            b.owners("self", "amazon");
        }
        return b.build();
    }

    static Optional<String> architecture(String ec2Architecture) {
        return switch (ec2Architecture == null ? "" : ec2Architecture) {
            case "x86_64" -> Optional.of("amd64");
            case "arm64" -> Optional.of("arm64");
            default -> Optional.empty();
        };
    }

    static List<Filter> tagFilters(Map<String, String> tags) {
        List<Filter> filters = new ArrayList<>();
        if (tags != null) {
            tags.forEach((k, v) -> filters.add("*".equals(v) ? filter("tag-key", k) : filter("tag:" + k, v)));
        }
        return filters;
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    static String lower(AmiFamily family) {
        return family.name().toLowerCase(Locale.ROOT);
    }
}
