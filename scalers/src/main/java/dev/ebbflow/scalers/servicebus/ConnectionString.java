package dev.ebbflow.scalers.servicebus;

import dev.ebbflow.scalers.MetadataValues;
import dev.ebbflow.scalers.ScalerConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Service Bus namespace connection string, with either a shared access key
 * ({@code SharedAccessKeyName} + {@code SharedAccessKey}) or a ready-made
 * {@code SharedAccessSignature}. {@link #toString()} hides the secrets; parse errors name
 * {@code metadata.connection} and never quote the string.
 *
 * @param authority host of the namespace, with its port when the endpoint names one
 */
record ConnectionString(String authority, String keyName, String key, String signature) {

    private static final String FIELD = "connection";

    static ConnectionString parse(String text) throws ScalerConfigException {
        Map<String, String> parts = new HashMap<>();
        for (String part : text.trim().split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw MetadataValues.error(FIELD, "is not a connection string (expected Endpoint=sb://<namespace>/;SharedAccessKeyName=...;SharedAccessKey=...)");
            }
            parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
        }
        String endpoint = parts.get("endpoint");
        if (endpoint == null || endpoint.isEmpty()) {
            throw MetadataValues.error(FIELD, "has no Endpoint (expected Endpoint=sb://<namespace>.servicebus.windows.net/)");
        }
        String authority = authority(endpoint);
        if (parts.containsKey("entitypath") && !parts.get("entitypath").isEmpty()) {
            throw MetadataValues.error(FIELD, "is scoped to one entity (EntityPath); the scaler reads runtime properties through "
                    + "the namespace's administration API and needs a namespace connection string with Manage rights");
        }
        String keyName = emptyToNull(parts.get("sharedaccesskeyname"));
        String key = emptyToNull(parts.get("sharedaccesskey"));
        String signature = emptyToNull(parts.get("sharedaccesssignature"));
        if (signature != null) {
            if (keyName != null || key != null) {
                throw MetadataValues.error(FIELD, "has both SharedAccessSignature and SharedAccessKeyName/SharedAccessKey; give one");
            }
            if (!signature.startsWith("SharedAccessSignature ")) {
                throw MetadataValues.error(FIELD, "has a SharedAccessSignature that does not start with 'SharedAccessSignature '");
            }
            return new ConnectionString(authority, null, null, signature);
        }
        if (keyName == null) {
            throw MetadataValues.error(FIELD, "has no SharedAccessKeyName (or SharedAccessSignature)");
        }
        if (key == null) {
            throw MetadataValues.error(FIELD, "has no SharedAccessKey for key name '" + keyName + "'");
        }
        return new ConnectionString(authority, keyName, key, null);
    }

    private static String authority(String endpoint) throws ScalerConfigException {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw MetadataValues.error(FIELD, "has an Endpoint that is not a URL (expected sb://<namespace>.servicebus.windows.net/)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("sb") && !scheme.equals("https")) {
            throw MetadataValues.error(FIELD, "has an Endpoint that must start with sb:// (or https://)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw MetadataValues.error(FIELD, "has an Endpoint without a host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw MetadataValues.error(FIELD, "has an Endpoint with user information; credentials belong in SharedAccessKeyName/SharedAccessKey");
        }
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return "ConnectionString[authority=" + authority + ", keyName=" + keyName + ", key=" + (key == null ? "none" : "***")
                + ", signature=" + (signature == null ? "none" : "***") + "]";
    }
}
