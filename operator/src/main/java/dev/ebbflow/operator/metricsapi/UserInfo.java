package dev.ebbflow.operator.metricsapi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Who made a request, as Kubernetes' {@code user.Info} describes a caller: the name, uid, groups and
 * extra attributes that the front proxy passes in request headers or a TokenReview returns, and that a
 * SubjectAccessReview is asked about.
 */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {
    public UserInfo {
        Objects.requireNonNull(name, "name");
        uid = uid == null ? "" : uid;
        groups = List.copyOf(groups);
        // Sorted and immutable, so two requests from the same caller make equal cache keys.
        Map<String, List<String>> copy = new TreeMap<>();
        extra.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        extra = java.util.Collections.unmodifiableMap(copy);
    }

    /** The group kube-apiserver puts every authenticated caller in; RBAC grants discovery and OpenAPI to it. */
    public static final String ALL_AUTHENTICATED = "system:authenticated";
    private static final String ALL_UNAUTHENTICATED = "system:unauthenticated";
    private static final String ANONYMOUS = "system:anonymous";

    public static UserInfo named(String name, List<String> groups) {
        return new UserInfo(name, "", groups, Map.of());
    }

    /**
     * This caller as an authenticated one: with {@value #ALL_AUTHENTICATED} added to its groups, as
     * Kubernetes' delegated authentication adds it to whoever the front proxy or a token names (unless
     * anonymous or already in one of the two catch-all groups). Without it the aggregator's own requests
     * ({@code system:aggregator} fetching {@code /openapi/v2}, with no group) are refused, since only that
     * group's {@code system:discovery} binding lets them in.
     */
    public UserInfo authenticated() {
        if (name.equals(ANONYMOUS) || groups.contains(ALL_AUTHENTICATED) || groups.contains(ALL_UNAUTHENTICATED)) {
            return this;
        }
        List<String> withGroup = new java.util.ArrayList<>(groups);
        withGroup.add(ALL_AUTHENTICATED);
        return new UserInfo(name, uid, withGroup, extra);
    }
}
