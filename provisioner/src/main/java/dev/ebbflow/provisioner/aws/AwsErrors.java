package dev.ebbflow.provisioner.aws;

import dev.ebbflow.provisioner.cloud.CloudProviderException;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** EC2's error codes, sorted into what the adapter does about them. */
final class AwsErrors {

    static final Set<String> UNAUTHORIZED = Set.of("UnauthorizedOperation", "AuthFailure", "AccessDenied", "AccessDeniedException",
            "Blocked", "OptInRequired", "InvalidClientTokenId", "SignatureDoesNotMatch", "UnrecognizedClientException");
    /**
     * Fleet error codes that mean "no capacity for this offering now": the offering is skipped for a while.
     * {@code ReservationCapacityExceeded} is a targeted capacity reservation with no instance left.
     */
    static final Set<String> CAPACITY = Set.of("InsufficientInstanceCapacity", "InsufficientCapacity", "MaxSpotInstanceCountExceeded",
            "ReservationCapacityExceeded",
            "SpotMaxPriceTooLow", "UnfulfillableCapacity", "Unsupported", "InsufficientFreeAddressesInSubnet",
            "VcpuLimitExceeded", "InstanceLimitExceeded");
    static final Set<String> NOT_FOUND = Set.of("InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed");

    private AwsErrors() {
    }

    interface Call<T> {
        T run();
    }

    /** Runs one SDK call (retried by the SDK when throttled) and turns its failure into the cloud SPI's exceptions. */
    static <T> T call(String what, Call<T> call) throws CloudProviderException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw map(what, e);
        }
    }

    static CloudProviderException map(String what, SdkException e) {
        Optional<String> code = code(e);
        String detail = code.map(c -> c + ": " + message(e)).orElse(String.valueOf(e.getMessage()));
        if (code.isPresent() && UNAUTHORIZED.contains(code.get())) {
            return new Ec2AuthorizationException(what + ": not authorized (" + detail + ")", e);
        }
        return new CloudProviderException(what + ": " + detail, e);
    }

    static Optional<String> code(Throwable e) {
        return e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                ? Optional.ofNullable(ase.awsErrorDetails().errorCode()) : Optional.empty();
    }

    private static String message(SdkException e) {
        return e instanceof AwsServiceException ase && ase.awsErrorDetails() != null && ase.awsErrorDetails().errorMessage() != null
                ? ase.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
    }
}
