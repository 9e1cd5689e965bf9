package dev.ebbflow.provisioner.aws;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The subset of TOML that Bottlerocket settings are written in: {@code [table]} headers and one
 * {@code key = value} per line, values kept as written, so that the user's settings and the cluster's
 * merge table by table.
 */
final class Toml {

    private Toml() {
    }

    static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        if (text == null) {
            return tables;
        }
        String table = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                table = line.substring(1, line.length() - 1).strip();
                tables.computeIfAbsent(table, t -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("spec.userData: not a TOML key = value line: '" + line + "'");
            }
            tables.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return tables;
    }

    static String write(Map<String, Map<String, String>> tables) {
        StringBuilder sb = new StringBuilder();
        tables.forEach((table, values) -> {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            if (!table.isEmpty()) {
                sb.append('[').append(table).append("]\n");
            }
            values.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        });
        return sb.toString();
    }

    /** A TOML literal string, or a basic one when the text holds a single quote. */
    static String string(String s) {
        return s.contains("'") ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : "'" + s + "'";
    }
}
