package dev.ebbflow.provisioner.azure;

import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.InsufficientCapacityException;
import dev.ebbflow.provisioner.cloud.LaunchCandidate;
import dev.ebbflow.provisioner.cloud.NodeClaimNotFoundException;
import java.util.Locale;
import java.util.Set;

/** What an ARM error means to the provisioner. */
final class AzureErrors {

    /** Codes ARM answers a VM create with when the region or zone has no capacity for the size now. */
    static final Set<String> CAPACITY_CODES = Set.of("AllocationFailed", "ZonalAllocationFailed", "SkuNotAvailable",
            "OverconstrainedAllocationRequest", "OverconstrainedZonalAllocationRequest");

    private AzureErrors() {
    }

    static boolean isCapacity(ArmException e) {
        return CAPACITY_CODES.contains(e.code()) || isQuota(e);
    }

    /** The subscription's core quota for the size's family or the region is used up. */
    static boolean isQuota(ArmException e) {
        return "OperationNotAllowed".equals(e.code()) && e.getMessage().toLowerCase(Locale.ROOT).contains("quota");
    }

    /** The error of a launch attempt: capacity errors name the offering so that it is marked unavailable. */
    static CloudProviderException ofLaunch(ArmException e, LaunchCandidate c) {
        if (isCapacity(e)) {
            return new InsufficientCapacityException(c.instanceType().name(), c.offering(), "Azure has no capacity for " + c + ": " + e.getMessage());
        }
        return of(e, "launching " + c);
    }

    static CloudProviderException of(ArmException e, String doing) {
        if (e.unauthorized()) {
            return new AzureAuthorizationException("Azure refused " + doing + " (" + e.getMessage()
                    + "): check the operator's Azure identity and its role on the node resource group", e);
        }
        if (e.notFound()) {
            return new NodeClaimNotFoundException(doing + ": " + e.getMessage());
        }
        return new CloudProviderException(doing + ": " + e.getMessage(), e);
    }
}
