package dev.ebbflow.operator.metricsapi;

import java.util.List;
import java.util.Locale;

/**
 * Whether a request's {@code Accept} header admits the plain JSON this API writes. Kubernetes clients
 * ask for other representations with media-type parameters: kube-apiserver's aggregator asks an
 * aggregated server's {@code /apis} for {@code application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList}
 * and falls back to the legacy per-version documents only on 406 Not Acceptable; answering it with a
 * plain APIGroupList instead leaves the API without resources in the cluster's aggregated discovery
 * (so {@code kubectl api-resources} does not list it).
 */
final class AcceptHeader {

    private AcceptHeader() {
    }

    /** True when there is no Accept header, or one of its media ranges is plain JSON or a wildcard (with at most a q-value). */
    static boolean acceptsPlainJson(List<String> headerValues) {
        if (headerValues.isEmpty()) {
            return true;
        }
        for (String value : headerValues) {
            for (String range : value.split(",")) {
                if (isPlainJson(range)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isPlainJson(String range) {
        String[] parts = range.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.equals("application/*") && !type.equals("*/*")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                if (refused(parameter.substring(2))) {
                    return false;
                }
            } else if (!parameter.isEmpty() && !parameter.startsWith("charset=")) {
                // g=, v= and as= name another representation of the object (aggregated discovery, Table...).
                return false;
            }
        }
        return true;
    }

    /** q=0 means "not acceptable"; an unreadable q-value is taken as the default, 1. */
    private static boolean refused(String quality) {
        try {
            return Double.parseDouble(quality.trim()) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
