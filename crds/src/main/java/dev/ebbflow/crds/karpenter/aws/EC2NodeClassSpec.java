package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * Where and how instances launch: the subnets, security groups and AMIs selected by tag, id or name
 * (terms are ORed, fields within a term ANDed), the IAM role or instance profile, tags, kubelet
 * settings, disks, user data merged with the bootstrap, and instance metadata options.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.role) && !has(self.instanceProfile)) || (!has(self.role) && has(self.instanceProfile))",
        message = "must specify exactly one of ['role', 'instanceProfile']")
@ValidationRule(value = "(has(oldSelf.role) && has(self.role)) || (has(oldSelf.instanceProfile) && has(self.instanceProfile))",
        message = "changing from 'instanceProfile' to 'role' is not supported. You must delete and recreate this node class if you want to change this.")
@ValidationRule(value = "self.amiSelectorTerms.exists(x, has(x.alias)) ? true : has(self.amiFamily)",
        message = "must specify amiFamily if amiSelectorTerms does not contain an alias")
@ValidationRule(value = "!has(self.amiFamily) || self.amiFamily == 'Custom' || !self.amiSelectorTerms.exists(x, has(x.alias)) "
        + "|| self.amiSelectorTerms.exists(x, has(x.alias) && x.alias.find('^[^@]+') == self.amiFamily.lowerAscii())",
        message = "if set, amiFamily must be the alias's family or 'Custom' when using an alias")
public class EC2NodeClassSpec {

    private static final String RESTRICTED = "tag contains a restricted tag matching ";

    @Required
    @Size(max = 30)
    @ValidationRule(value = "self.size() != 0", message = "subnetSelectorTerms cannot be empty")
    @ValidationRule(value = "self.all(x, has(x.tags) || has(x.id))", message = "expected at least one, got none, ['tags', 'id']")
    @ValidationRule(value = "!self.exists(x, has(x.id) && has(x.tags))",
            message = "'id' is mutually exclusive, cannot be set with a combination of other fields in subnetSelectorTerms")
    private List<SubnetSelectorTerm> subnetSelectorTerms;

    @Required
    @Size(max = 30)
    @ValidationRule(value = "self.size() != 0", message = "securityGroupSelectorTerms cannot be empty")
    @ValidationRule(value = "self.all(x, has(x.tags) || has(x.id) || has(x.name))", message = "expected at least one, got none, ['tags', 'id', 'name']")
    @ValidationRule(value = "!self.exists(x, has(x.id) && (has(x.tags) || has(x.name)))",
            message = "'id' is mutually exclusive, cannot be set with a combination of other fields in securityGroupSelectorTerms")
    @ValidationRule(value = "!self.exists(x, has(x.name) && (has(x.tags) || has(x.id)))",
            message = "'name' is mutually exclusive, cannot be set with a combination of other fields in securityGroupSelectorTerms")
    private List<SecurityGroupSelectorTerm> securityGroupSelectorTerms;

    @Size(max = 30)
    @ValidationRule(value = "self.all(x, has(x.tags) || has(x.id))", message = "expected at least one, got none, ['tags', 'id']")
    @ValidationRule(value = "!self.exists(x, has(x.id) && (has(x.tags) || has(x.ownerID)))",
            message = "'id' is mutually exclusive, cannot be set with a combination of other fields in capacityReservationSelectorTerms")
    private List<CapacityReservationSelectorTerm> capacityReservationSelectorTerms;

    private Boolean associatePublicIPAddress;

    @Required
    @Size(min = 1, max = 30)
    @ValidationRule(value = "self.all(x, has(x.tags) || has(x.id) || has(x.name) || has(x.alias) || has(x.ssmParameter))",
            message = "expected at least one, got none, ['tags', 'id', 'name', 'alias', 'ssmParameter']")
    @ValidationRule(value = "!self.exists(x, has(x.id) && (has(x.alias) || has(x.tags) || has(x.name) || has(x.owner)))",
            message = "'id' is mutually exclusive, cannot be set with a combination of other fields in amiSelectorTerms")
    @ValidationRule(value = "!self.exists(x, has(x.alias) && (has(x.id) || has(x.tags) || has(x.name) || has(x.owner)))",
            message = "'alias' is mutually exclusive, cannot be set with a combination of other fields in amiSelectorTerms")
    @ValidationRule(value = "!(self.exists(x, has(x.alias)) && self.size() != 1)",
            message = "'alias' is mutually exclusive, cannot be set with a combination of other amiSelectorTerms")
    private List<AmiSelectorTerm> amiSelectorTerms;

    private AmiFamily amiFamily;

    private String userData;

    @ValidationRule(value = "self != ''", message = "role cannot be empty")
    @ValidationRule(value = "self == oldSelf", message = "immutable field changed")
    private String role;

    @ValidationRule(value = "self != ''", message = "instanceProfile cannot be empty")
    private String instanceProfile;

    @Size(max = 50)
    @ValidationRule(value = "self.all(k, k != '')", message = "empty tag keys aren't supported")
    @ValidationRule(value = "self.all(k, !k.startsWith('kubernetes.io/cluster'))", message = RESTRICTED + "kubernetes.io/cluster/")
    @ValidationRule(value = "self.all(k, k != 'karpenter.sh/nodepool')", message = RESTRICTED + "karpenter.sh/nodepool")
    @ValidationRule(value = "self.all(k, k != 'karpenter.sh/nodeclaim')", message = RESTRICTED + "karpenter.sh/nodeclaim")
    @ValidationRule(value = "self.all(k, k != 'karpenter.k8s.aws/ec2nodeclass')", message = RESTRICTED + "karpenter.k8s.aws/ec2nodeclass")
    private Map<String, String> tags;

    private KubeletConfiguration kubelet;

    @Size(max = 50)
    @ValidationRule(value = "self.filter(x, has(x.rootVolume) ? x.rootVolume : false).size() <= 1",
            message = "must have only one blockDeviceMappings with rootVolume")
    private List<BlockDeviceMapping> blockDeviceMappings;

    private InstanceStorePolicy instanceStorePolicy;

    private Boolean detailedMonitoring;

    @Default("{\"httpEndpoint\":\"enabled\",\"httpProtocolIPv6\":\"disabled\",\"httpPutResponseHopLimit\":1,\"httpTokens\":\"required\"}")
    private MetadataOptions metadataOptions;

    /** Reserved for EC2's {@code Context} on CreateFleet. */
    private String context;

    public List<SubnetSelectorTerm> getSubnetSelectorTerms() {
        return subnetSelectorTerms;
    }

    public void setSubnetSelectorTerms(List<SubnetSelectorTerm> subnetSelectorTerms) {
        this.subnetSelectorTerms = subnetSelectorTerms;
    }

    public List<SecurityGroupSelectorTerm> getSecurityGroupSelectorTerms() {
        return securityGroupSelectorTerms;
    }

    public void setSecurityGroupSelectorTerms(List<SecurityGroupSelectorTerm> securityGroupSelectorTerms) {
        this.securityGroupSelectorTerms = securityGroupSelectorTerms;
    }

    public List<CapacityReservationSelectorTerm> getCapacityReservationSelectorTerms() {
        return capacityReservationSelectorTerms;
    }

    public void setCapacityReservationSelectorTerms(List<CapacityReservationSelectorTerm> capacityReservationSelectorTerms) {
        this.capacityReservationSelectorTerms = capacityReservationSelectorTerms;
    }

    public Boolean getAssociatePublicIPAddress() {
        return associatePublicIPAddress;
    }

    public void setAssociatePublicIPAddress(Boolean associatePublicIPAddress) {
        this.associatePublicIPAddress = associatePublicIPAddress;
    }

    public List<AmiSelectorTerm> getAmiSelectorTerms() {
        return amiSelectorTerms;
    }

    public void setAmiSelectorTerms(List<AmiSelectorTerm> amiSelectorTerms) {
        this.amiSelectorTerms = amiSelectorTerms;
    }

    public AmiFamily getAmiFamily() {
        return amiFamily;
    }

    public void setAmiFamily(AmiFamily amiFamily) {
        this.amiFamily = amiFamily;
    }

    public String getUserData() {
        return userData;
    }

    public void setUserData(String userData) {
        this.userData = userData;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getInstanceProfile() {
        return instanceProfile;
    }

    public void setInstanceProfile(String instanceProfile) {
        this.instanceProfile = instanceProfile;
    }

    public Map<String, String> getTags() {
        return tags;
    }

    public void setTags(Map<String, String> tags) {
        this.tags = tags;
    }

    public KubeletConfiguration getKubelet() {
        return kubelet;
    }

    public void setKubelet(KubeletConfiguration kubelet) {
        this.kubelet = kubelet;
    }

    public List<BlockDeviceMapping> getBlockDeviceMappings() {
        return blockDeviceMappings;
    }

    public void setBlockDeviceMappings(List<BlockDeviceMapping> blockDeviceMappings) {
        this.blockDeviceMappings = blockDeviceMappings;
    }

    public InstanceStorePolicy getInstanceStorePolicy() {
        return instanceStorePolicy;
    }

    public void setInstanceStorePolicy(InstanceStorePolicy instanceStorePolicy) {
        this.instanceStorePolicy = instanceStorePolicy;
    }

    public Boolean getDetailedMonitoring() {
        return detailedMonitoring;
    }

    public void setDetailedMonitoring(Boolean detailedMonitoring) {
        this.detailedMonitoring = detailedMonitoring;
    }

    public MetadataOptions getMetadataOptions() {
        return metadataOptions;
    }

    public void setMetadataOptions(MetadataOptions metadataOptions) {
        this.metadataOptions = metadataOptions;
    }

    public String getContext() {
        return context;
    }

    public void setContext(String context) {
        this.context = context;
    }
}
