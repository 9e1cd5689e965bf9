package dev.ebbflow.provisioner.aws.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The form parameters of one EC2 Query API request ({@code Action=CreateFleet&LaunchTemplateConfigs.1.Overrides.2.InstanceType=m5.large}),
 * with the numbered-list and filter conventions of that protocol.
 */
public final class QueryParams {

    private final Map<String, String> values;

    QueryParams(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    static QueryParams parse(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return new QueryParams(m);
    }

    public Map<String, String> all() {
        return values;
    }

    public String get(String key) {
        return values.get(key);
    }

    public String action() {
        return values.get("Action");
    }

    /** {@code prefix.1}, {@code prefix.2}, … in order. */
    public List<String> list(String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 1; values.containsKey(prefix + "." + i); i++) {
            out.add(values.get(prefix + "." + i));
        }
        return out;
    }

    /** The numbered structures under a prefix ({@code Filter.1.Name}, {@code Filter.1.Value.1}) as their own parameters. */
    public List<QueryParams> structs(String prefix) {
        List<QueryParams> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            String p = prefix + "." + i + ".";
            Map<String, String> sub = new TreeMap<>();
            values.forEach((k, v) -> {
                if (k.startsWith(p)) {
                    sub.put(k.substring(p.length()), v);
                }
            });
            if (sub.isEmpty()) {
                return out;
            }
            out.add(new QueryParams(sub));
        }
    }

    /** {@code Filter.N.Name} → {@code Filter.N.Value.M}, in order; EC2 ANDs filters, even two with one name. */
    public List<Map.Entry<String, List<String>>> filters() {
        List<Map.Entry<String, List<String>>> out = new ArrayList<>();
        for (QueryParams f : structs("Filter")) {
            out.add(Map.entry(f.get("Name"), f.list("Value")));
        }
        return out;
    }

    /** {@code TagSpecification.N} of a resource type → its tags. */
    public Map<String, String> tags(String resourceType) {
        Map<String, String> tags = new TreeMap<>();
        for (QueryParams spec : structs("TagSpecification")) {
            if (resourceType.equals(spec.get("ResourceType"))) {
                for (QueryParams tag : spec.structs("Tag")) {
                    tags.put(tag.get("Key"), tag.get("Value"));
                }
            }
        }
        return tags;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
