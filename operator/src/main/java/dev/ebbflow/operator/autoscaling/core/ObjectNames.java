package dev.ebbflow.operator.autoscaling.core;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API server's rule for the names of most objects (an RFC 1123 subdomain), checked where a
 * manifest chooses the name of an object Ebbflow creates, so that a bad name is reported on the
 * manifest's field rather than as a refused write on every reconcile.
 */
public final class ObjectNames {

    private static final int MAX_LENGTH = 253;
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private ObjectNames() {
    }

    /** An error naming {@code field} when {@code name} is not a valid object name. */
    public static Optional<FieldError> checkSubdomain(String field, String name) {
        if (name.length() > MAX_LENGTH) {
            return Optional.of(new FieldError(field, "makes an object name longer than " + MAX_LENGTH + " characters: '" + name + "'"));
        }
        if (!SUBDOMAIN.matcher(name).matches()) {
            return Optional.of(new FieldError(field, "'" + name + "' is not a valid object name: lowercase letters, digits, '-' and '.',"
                    + " starting and ending with a letter or digit"));
        }
        return Optional.empty();
    }
}
