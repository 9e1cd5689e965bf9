package dev.ebbflow.operator.metricsapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The request headers in which the front proxy (kube-apiserver's aggregator) names the user it
 * authenticated, as published in {@code kube-system/extension-apiserver-authentication}
 * ({@code requestheader-username-headers}, {@code requestheader-group-headers},
 * {@code requestheader-extra-headers-prefix}); they are trusted only on a request whose client
 * certificate is the front proxy's.
 */
public record RequestHeaderNames(List<String> usernameHeaders, List<String> groupHeaders, List<String> extraHeaderPrefixes) {
    static final String USERNAME_KEY = "requestheader-username-headers";
    static final String GROUP_KEY = "requestheader-group-headers";
    static final String EXTRA_PREFIX_KEY = "requestheader-extra-headers-prefix";
    static final String ALLOWED_NAMES_KEY = "requestheader-allowed-names";
    private static final ObjectMapper JSON = new ObjectMapper();

    public RequestHeaderNames {
        usernameHeaders = List.copyOf(usernameHeaders);
        groupHeaders = List.copyOf(groupHeaders);
        extraHeaderPrefixes = extraHeaderPrefixes.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    }

    /** kube-apiserver's defaults when the flags are not set. */
    public static RequestHeaderNames defaults() {
        return new RequestHeaderNames(List.of("X-Remote-User"), List.of("X-Remote-Group"), List.of("X-Remote-Extra-"));
    }

    /**
     * The names the ConfigMap publishes: each key holds a JSON array of strings. A missing key keeps the
     * default; a malformed one is an error naming the key, so a broken ConfigMap is not silently ignored.
     */
    public static RequestHeaderNames fromConfigMap(Map<String, String> data) {
        RequestHeaderNames defaults = defaults();
        return new RequestHeaderNames(
                listOrDefault(data, USERNAME_KEY, defaults.usernameHeaders()),
                listOrDefault(data, GROUP_KEY, defaults.groupHeaders()),
                listOrDefault(data, EXTRA_PREFIX_KEY, defaults.extraHeaderPrefixes()));
    }

    /**
     * The common names the front proxy's client certificate may carry, as the ConfigMap publishes them
     * ({@code requestheader-allowed-names}, a JSON array); empty (any name) when the key is missing or empty,
     * as kube-apiserver reads it. Malformed is an error naming the key.
     */
    public static Set<String> allowedNames(Map<String, String> data) {
        return Set.copyOf(listOrDefault(data, ALLOWED_NAMES_KEY, List.of()));
    }

    /**
     * Header names from ConfigMap data that a supplier hands out (an informer's current object), parsed
     * again only when that data changes, since it is asked for on every request.
     */
    public static Supplier<RequestHeaderNames> memoized(Supplier<Map<String, String>> configMapData) {
        return new Supplier<>() {
            private volatile Map<String, String> parsedFrom;
            private volatile RequestHeaderNames parsed = defaults();

            @Override
            public RequestHeaderNames get() {
                Map<String, String> data = configMapData.get();
                if (data != parsedFrom) {
                    parsed = fromConfigMap(data);
                    parsedFrom = data;
                }
                return parsed;
            }
        };
    }

    /**
     * The user the headers name, empty when no username header has a value (then the request is not
     * authenticated by the front proxy, as in Kubernetes, and other credentials are looked at).
     *
     * @param headers every value of one header, case-insensitive by name
     * @param headerNames the names of all headers of the request, for the extra prefixes
     */
    public Optional<UserInfo> user(Function<String, List<String>> headers, Iterable<String> headerNames) {
        String name = usernameHeaders.stream().flatMap(h -> headers.apply(h).stream())
                .filter(v -> !v.isEmpty()).findFirst().orElse(null);
        if (name == null) {
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>();
        groupHeaders.forEach(h -> groups.addAll(headers.apply(h)));
        Map<String, List<String>> extra = new LinkedHashMap<>();
        for (String header : headerNames) {
            String lower = header.toLowerCase(Locale.ROOT);
            for (String prefix : extraHeaderPrefixes) {
                if (lower.startsWith(prefix) && lower.length() > prefix.length()) {
                    // Extra keys may carry characters a header name cannot, so the proxy percent-encodes them.
                    String key = URLDecoder.decode(lower.substring(prefix.length()), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                    extra.computeIfAbsent(key, k -> new ArrayList<>()).addAll(headers.apply(header));
                }
            }
        }
        return Optional.of(new UserInfo(name, "", groups, extra));
    }

    private static List<String> listOrDefault(Map<String, String> data, String key, List<String> fallback) {
        String text = data == null ? null : data.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            String[] values = JSON.readValue(text, String[].class);
            if (values == null) {
                return fallback;
            }
            for (String value : values) {
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException(key + " must not contain empty names, got " + text);
                }
            }
            return List.of(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(key + " must be a JSON array of names, got " + text);
        }
    }
}
