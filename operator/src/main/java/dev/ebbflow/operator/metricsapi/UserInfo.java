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

    public static UserInfo named(String name, List<String> groups) {
        return new UserInfo(name, "", groups, Map.of());
    }
}
