package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.CapacityReservationSelectorTerm;
import dev.ebbflow.crds.karpenter.aws.CapacityReservationStatus;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Resolves {@code capacityReservationSelectorTerms} with DescribeCapacityReservations, as Karpenter
 * does: the terms are ORed; an {@code id} term asks for that reservation, a {@code tags} term (with its
 * {@code ownerID}) filters on all its tags; only {@code active} reservations that have not ended, with
 * {@code open} or {@code targeted} matching, are selected. Keeps how many instances each reservation
 * can still start: as EC2 last said, less the launches made since, so that scheduling passes between
 * two reads do not plan onto capacity already used.
 */
final class CapacityReservations {

    /** What a class's terms select now; {@code unmatched} names the terms that selected nothing. */
    record Selection(List<SelectedReservation> reservations, List<String> unmatched, CloudProviderException failure) {

        static final Selection NONE = new Selection(List.of(), List.of(), null);

        Selection {
            reservations = List.copyOf(reservations);
            unmatched = List.copyOf(unmatched);
        }
    }

    static final String FIELD = "spec.capacityReservationSelectorTerms";
    private static final Logger LOG = LoggerFactory.getLogger(CapacityReservations.class);
    private static final Set<String> MATCH_CRITERIA = Set.of("open", "targeted");
    private static final Set<String> NOT_FOUND = Set.of("InvalidCapacityReservationId.NotFound", "InvalidCapacityReservationId.Malformed");

    private final AwsClients clients;
    private final Clock clock;
    private final Map<String, Integer> available = new ConcurrentHashMap<>();

    CapacityReservations(AwsClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** The class's selection; a refused or failed call is returned as the selection's failure, not thrown. */
    Selection select(EC2NodeClass nodeClass) {
        List<CapacityReservationSelectorTerm> terms = nodeClass.getSpec().getCapacityReservationSelectorTerms();
        if (terms == null || terms.isEmpty()) {
            return Selection.NONE;
        }
        Map<String, SelectedReservation> found = new TreeMap<>();
        List<String> unmatched = new ArrayList<>();
        try {
            for (int i = 0; i < terms.size(); i++) {
                List<SelectedReservation> matched = describe(request(terms.get(i)));
                if (matched.isEmpty()) {
                    unmatched.add(FIELD + "[" + i + "]");
                }
                matched.forEach(r -> found.putIfAbsent(r.id(), r));
            }
        } catch (CloudProviderException e) {
            return new Selection(List.of(), List.of(), e);
        }
        return new Selection(List.copyOf(found.values()), unmatched, null);
    }

    /** The reservations of these ids that are still active, for the leader's expiry checks. */
    List<SelectedReservation> byId(Collection<String> ids) throws CloudProviderException {
        List<SelectedReservation> out = new ArrayList<>();
        for (String id : new java.util.TreeSet<>(ids)) {
            out.addAll(describe(DescribeCapacityReservationsRequest.builder().capacityReservationIds(id).filters(ACTIVE).build()));
        }
        return out;
    }

    /** How many more instances the reservation can start, as far as this replica knows. */
    int available(SelectedReservation r) {
        return available.getOrDefault(r.id(), r.availableCount());
    }

    /** One instance was launched into the reservation: counted until EC2 next describes it. */
    void launched(String reservationId) {
        available.computeIfPresent(reservationId, (id, n) -> Math.max(0, n - 1));
    }

    /**
     * One of its instances is being terminated: its place is counted free again at once (EC2 frees it some
     * time before the instance is gone; overestimating costs one refused launch, underestimating a pass).
     */
    void terminated(String reservationId) {
        available.computeIfPresent(reservationId, (id, n) -> n + 1);
    }

    private static final Filter ACTIVE = Ec2NodeClassResolver.filter("state", "active");

    private static DescribeCapacityReservationsRequest request(CapacityReservationSelectorTerm term) {
        if (term.getId() != null) {
            return DescribeCapacityReservationsRequest.builder().capacityReservationIds(term.getId()).filters(ACTIVE).build();
        }
        List<Filter> filters = new ArrayList<>(List.of(ACTIVE));
        if (term.getOwnerID() != null) {
            filters.add(Ec2NodeClassResolver.filter("owner-id", term.getOwnerID()));
        }
        filters.addAll(Ec2NodeClassResolver.tagFilters(term.getTags()));
        return DescribeCapacityReservationsRequest.builder().filters(filters).build();
    }

    private List<SelectedReservation> describe(DescribeCapacityReservationsRequest request) throws CloudProviderException {
        List<CapacityReservation> described;
        try {
            described = AwsErrors.call("DescribeCapacityReservations",
                    () -> clients.ec2.describeCapacityReservationsPaginator(request).capacityReservations().stream().toList());
        } catch (CloudProviderException e) {
            // Asking for an id that does not exist (any more) is an error in EC2 and an empty answer here.
            if (AwsErrors.code(e.getCause()).filter(NOT_FOUND::contains).isPresent()) {
                return List.of();
            }
            throw e;
        }
        List<SelectedReservation> out = new ArrayList<>();
        for (CapacityReservation cr : described) {
            selected(cr).ifPresent(r -> {
                available.put(r.id(), r.availableCount());
                out.add(r);
            });
        }
        return out;
    }

    private Optional<SelectedReservation> selected(CapacityReservation cr) {
        if (cr.endDate() != null && !cr.endDate().isAfter(clock.instant())) {
            return Optional.empty();
        }
        String criteria = cr.instanceMatchCriteriaAsString();
        String type = cr.reservationTypeAsString() == null || cr.reservationTypeAsString().isEmpty()
                ? CapacityReservationStatus.TYPE_DEFAULT : cr.reservationTypeAsString();
        if (!MATCH_CRITERIA.contains(criteria) || !Set.of(CapacityReservationStatus.TYPE_DEFAULT, CapacityReservationStatus.TYPE_CAPACITY_BLOCK)
                .contains(type)) {
            LOG.warn("capacity reservation {}: instance match criteria '{}' or reservation type '{}' is not supported, not selected",
                    cr.capacityReservationId(), criteria, type);
            return Optional.empty();
        }
        return Optional.of(new SelectedReservation(cr.capacityReservationId(), cr.instanceType(), cr.availabilityZone(), cr.ownerId(),
                criteria, cr.endDate(), type, Boolean.TRUE.equals(cr.interruptible()),
                cr.availableInstanceCount() == null ? 0 : cr.availableInstanceCount()));
    }
}
