package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.AggregationOperation;
import dev.ebbflow.scalers.MetadataValues;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.TriggerConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * Validates a {@code rabbitmq} trigger the way KEDA documents it. Every error names the field as
 * {@code metadata.<key>} (parameters resolved from a TriggerAuthentication are looked up under the
 * same keys) and never quotes the host URL or a credential.
 */
public final class RabbitMqMetadataParser {

    private RabbitMqMetadataParser() {
    }

    public static RabbitMqMetadata parse(TriggerConfig config) throws ScalerConfigException {
        refuseUnsupportedAuth(config);
        String hostText = config.param("host");
        if (hostText == null) {
            throw error("host", "is required: set metadata.host, metadata.hostFromEnv or the TriggerAuthentication parameter 'host'");
        }
        BrokerUrl broker;
        try {
            broker = BrokerUrl.parse(hostText);
        } catch (IllegalArgumentException e) {
            throw error("host", e.getMessage());
        }

        Protocol protocol = parseProtocol(config.param("protocol"), broker);

        String queueName = config.param("queueName");
        if (queueName == null) {
            throw error("queueName", "is required");
        }

        Target target = parseTarget(config);
        if (target.mode.needsHttp() && protocol != Protocol.HTTP) {
            throw error("mode", target.mode.manifestName() + " needs the http protocol (the management API reports rates; AMQP does not)");
        }
        double activationValue = MetadataValues.number(config, "activationValue", 0);
        if (activationValue < 0) {
            throw error("activationValue", "must not be negative");
        }

        boolean useRegex = MetadataValues.bool(config, "useRegex", false);
        if (useRegex && protocol != Protocol.HTTP) {
            throw error("useRegex", "needs the http protocol (AMQP can only address a queue by its exact name)");
        }
        AggregationOperation operation = AggregationOperation.parse(config);
        int pageSize = RabbitMqMetadata.DEFAULT_PAGE_SIZE;
        String pageSizeText = config.param("pageSize");
        if (pageSizeText != null) {
            pageSize = MetadataValues.positiveInt("pageSize", pageSizeText);
        }

        boolean excludeUnacknowledged = MetadataValues.bool(config, "excludeUnacknowledged", false);
        if (excludeUnacknowledged && protocol != Protocol.HTTP) {
            throw error("excludeUnacknowledged", "needs the http protocol (only the management API counts unacknowledged messages)");
        }

        Duration timeout = RabbitMqMetadata.DEFAULT_HTTP_TIMEOUT;
        String timeoutText = config.param("timeout");
        if (timeoutText != null) {
            if (protocol != Protocol.HTTP) {
                throw error("timeout", "applies to the http protocol only");
            }
            timeout = Duration.ofMillis(MetadataValues.positiveInt("timeout", timeoutText));
        }

        String vhostName = config.param("vhostName");
        String vhost = vhostName != null ? vhostName : protocol == Protocol.AMQP ? broker.amqpVhost() : broker.httpVhost();

        return new RabbitMqMetadata(protocol, target.mode, target.value, activationValue, queueName, broker, vhost,
                credentials(config, broker), useRegex, operation, pageSize, excludeUnacknowledged, timeout, parseTls(config));
    }

    private record Target(Mode mode, double value) {
    }

    /** KEDA's rules: {@code mode} and {@code value} go together; the legacy {@code queueLength} excludes both. */
    private static Target parseTarget(TriggerConfig config) throws ScalerConfigException {
        String modeText = config.param("mode");
        String valueText = config.param("value");
        String queueLengthText = config.param("queueLength");
        if (queueLengthText != null) {
            if (modeText != null || valueText != null) {
                throw error("queueLength", "is deprecated and cannot be combined with mode/value; use mode: QueueLength and value instead");
            }
            return new Target(Mode.QUEUE_LENGTH, parseTargetValue(config, "queueLength"));
        }
        if (modeText == null && valueText == null) {
            return new Target(Mode.QUEUE_LENGTH, RabbitMqMetadata.DEFAULT_QUEUE_LENGTH);
        }
        if (modeText == null) {
            throw error("mode", "is required when metadata.value is set (one of " + Mode.spellings() + ")");
        }
        if (valueText == null) {
            throw error("value", "is required when metadata.mode is set");
        }
        Mode mode = Mode.fromManifest(modeText.trim());
        if (mode == null) {
            throw error("mode", "must be one of " + Mode.spellings() + ", got '" + modeText.trim() + "'");
        }
        return new Target(mode, parseTargetValue(config, "value"));
    }

    private static double parseTargetValue(TriggerConfig config, String key) throws ScalerConfigException {
        double v = MetadataValues.number(config, key, 0);
        if (v <= 0) {
            throw error(key, "must be greater than 0");
        }
        return v;
    }

    private static Protocol parseProtocol(String text, BrokerUrl broker) throws ScalerConfigException {
        String p = text == null ? "auto" : text.trim().toLowerCase(Locale.ROOT);
        Protocol fromUrl = broker.protocol();
        Protocol chosen = switch (p) {
            case "auto" -> fromUrl;
            case "amqp" -> Protocol.AMQP;
            case "http" -> Protocol.HTTP;
            default -> throw error("protocol", "must be one of auto, amqp, http");
        };
        if (chosen != fromUrl) {
            throw error("protocol", "is " + p + " but metadata.host uses the " + broker.scheme() + " scheme");
        }
        return chosen;
    }

    /** KEDA takes {@code username} and {@code password} together or not at all; without them, the host URL's user info. */
    private static Credentials credentials(TriggerConfig config, BrokerUrl broker) throws ScalerConfigException {
        String username = config.param("username");
        String password = config.param("password");
        if (username != null && password == null) {
            throw error("password", "is required when username is given: give both, or neither and put them in metadata.host");
        }
        if (password != null && username == null) {
            throw error("username", "is required when password is given: give both, or neither and put them in metadata.host");
        }
        return username != null ? new Credentials(username, password) : broker.credentials();
    }

    /**
     * KEDA's OAuth2 and Azure workload identity for the management API are not implemented: a trigger that asks for them
     * is refused naming the field, rather than read with other credentials or none.
     */
    private static void refuseUnsupportedAuth(TriggerConfig config) throws ScalerConfigException {
        for (String key : OAUTH_PARAMETERS) {
            if (config.param(key) != null) {
                throw error(key, "is not supported: Ebbflow's rabbitmq scaler does not implement OAuth2 for the management API; "
                        + "use username and password, or the host URL's credentials");
            }
        }
        String provider = config.podIdentityProvider();
        if (provider != null && !provider.isBlank() && !provider.equalsIgnoreCase("none")) {
            throw new ScalerConfigException("authenticationRef", "authenticationRef: spec.podIdentity.provider '" + provider
                    + "' is not supported by Ebbflow's rabbitmq scaler (no workload identity for the management API); "
                    + "use username and password");
        }
    }

    private static final java.util.List<String> OAUTH_PARAMETERS = java.util.List.of("oauthTokenURI", "scope", "clientID", "clientSecret",
            "EndpointParams", "workloadIdentityResource");

    private static TlsSettings parseTls(TriggerConfig config) throws ScalerConfigException {
        boolean unsafeSsl = MetadataValues.bool(config, "unsafeSsl", false);
        String tls = config.param("tls");
        boolean enabled;
        if (tls == null || tls.trim().equalsIgnoreCase("disable")) {
            enabled = false;
        } else if (tls.trim().equalsIgnoreCase("enable")) {
            enabled = true;
        } else {
            throw error("tls", "must be enable or disable");
        }
        if (!enabled) {
            return new TlsSettings(false, null, null, null, null, unsafeSsl);
        }
        String cert = config.param("cert");
        String key = config.param("key");
        if (cert != null && key == null) {
            throw error("key", "is required when a client certificate (cert) is given");
        }
        if (key != null && cert == null) {
            throw error("cert", "is required when a client key (key) is given");
        }
        return new TlsSettings(true, config.param("ca"), cert, key, config.param("keyPassword"), unsafeSsl);
    }

    private static ScalerConfigException error(String key, String message) {
        return MetadataValues.error(key, message);
    }
}
