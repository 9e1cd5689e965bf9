package dev.ebbflow.operator.autoscaling.auth;

import java.util.Map;
import java.util.TreeMap;

/** Printable forms of parameter maps that may hold credentials: the keys, never the values. */
public final class Redaction {

    private Redaction() {
    }

    /** {@code [password, username] (values hidden)}, in key order so logs are stable. */
    public static String keysOnly(Map<String, String> params) {
        return new TreeMap<>(params).keySet() + " (values hidden)";
    }
}
