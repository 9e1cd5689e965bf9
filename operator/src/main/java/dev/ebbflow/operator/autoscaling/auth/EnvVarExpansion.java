package dev.ebbflow.operator.autoscaling.auth;

import java.util.Optional;

/**
 * Kubernetes' expansion of {@code $(NAME)} references in an env value: a defined variable is
 * substituted, an undefined one is left as written, {@code $$} is a literal {@code $}.
 */
final class EnvVarExpansion {

    @FunctionalInterface
    interface Lookup {
        Optional<String> lookup(String name) throws UnresolvableException;
    }

    private EnvVarExpansion() {
    }

    static String expand(String value, Lookup lookup) throws UnresolvableException {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '$' || i + 1 >= value.length()) {
                out.append(c);
                i++;
            } else if (value.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (value.charAt(i + 1) == '(' && value.indexOf(')', i + 2) > 0) {
                int close = value.indexOf(')', i + 2);
                String name = value.substring(i + 2, close);
                Optional<String> resolved = lookup.lookup(name);
                out.append(resolved.orElse(value.substring(i, close + 1)));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
