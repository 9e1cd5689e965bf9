package dev.ebbflow.operator.metricsapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a request asks to do, in the terms a SubjectAccessReview uses, derived from method and path the
 * way Kubernetes' request-info parsing does: {@code /apis/<group>/<version>/namespaces/<ns>/<resource>[/<name>]}
 * is a resource request (verb {@code list} without a name, {@code get} with one, for GET), anything
 * shorter ({@code /apis}, the group and version discovery documents, {@code /openapi/v2}) a
 * non-resource request on its path.
 */
public sealed interface RequestAttributes {
    String verb();

    /** A request for an API resource; for the external metrics API the resource is the metric name. */
    record Resource(String verb, String group, String version, String resource, String subresource, String name, String namespace)
            implements RequestAttributes {
    }

    /** A request for a path outside the resource tree: discovery, OpenAPI, health. */
    record NonResource(String verb, String path) implements RequestAttributes {
    }

    static RequestAttributes of(String method, String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        // /apis/<group>/<version>/<resource...>: fewer parts than that is discovery, not a resource.
        if (parts.size() < 4 || !parts.get(0).equals("apis")) {
            return new NonResource(method.toLowerCase(Locale.ROOT), path);
        }
        String group = parts.get(1);
        String version = parts.get(2);
        List<String> rest = parts.subList(3, parts.size());
        String namespace = "";
        if (rest.get(0).equals("namespaces") && rest.size() > 2) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        } else if (rest.get(0).equals("namespaces") && rest.size() == 2) {
            // /namespaces/<name> is the namespace object itself.
            namespace = rest.get(1);
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : "";
        String subresource = rest.size() > 2 ? rest.get(2) : "";
        return new Resource(resourceVerb(method, name), group, version, resource, subresource, name, namespace);
    }

    private static String resourceVerb(String method, String name) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            // A GET without a name reads a collection.
            case "GET", "HEAD" -> name.isEmpty() ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }
}
