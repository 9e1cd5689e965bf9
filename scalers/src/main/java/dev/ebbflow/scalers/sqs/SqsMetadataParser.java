package dev.ebbflow.scalers.sqs;

import static dev.ebbflow.scalers.MetadataValues.error;
import static dev.ebbflow.scalers.MetadataValues.bool;
import static dev.ebbflow.scalers.MetadataValues.wholeNumber;

import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.TriggerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validates an {@code aws-sqs-queue} trigger the way KEDA documents it. Errors name the field as
 * {@code metadata.<key>} ({@code queueURLFromEnv} is resolved into {@code queueURL} by the operator)
 * and never quote a credential.
 */
public final class SqsMetadataParser {

    /** SQS queue names: up to 80 letters, digits, hyphens and underscores; FIFO queues end in {@code .fifo}. */
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}(\\.fifo)?|[A-Za-z0-9_-]{1,80}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private SqsMetadataParser() {
    }

    public static SqsMetadata parse(TriggerConfig config) throws ScalerConfigException {
        String queueUrl = config.param("queueURL");
        if (queueUrl == null) {
            throw error("queueURL", "is required: set metadata.queueURL (a queue URL or name) or metadata.queueURLFromEnv");
        }
        queueUrl = queueUrl.trim();
        String queueName = queueName(queueUrl);

        String region = config.param("awsRegion");
        if (region == null) {
            throw error("awsRegion", "is required (e.g. eu-west-1)");
        }
        region = region.trim();
        if (!REGION.matcher(region).matches()) {
            throw error("awsRegion", "is not an AWS region name (e.g. eu-west-1), got '" + region + "'");
        }

        // KEDA reads both as int64; a target of 0 would give the HPA nothing to divide by.
        long queueLength = wholeNumber(config, "queueLength", SqsMetadata.DEFAULT_QUEUE_LENGTH, 1);
        long activation = wholeNumber(config, "activationQueueLength", 0, 0);

        return new SqsMetadata(queueUrl, queueName, region, endpoint(config.param("awsEndpoint")), queueLength, activation,
                bool(config, "scaleOnInFlight", true), bool(config, "scaleOnDelayed", false),
                AwsAuthenticationParser.parse(config));
    }

    /**
     * The queue name in a queue URL ({@code <scheme>://<host>/<account id>/<queue name>}), or the text
     * itself when it is a bare queue name, which KEDA and SQS accept in place of the URL.
     */
    static String queueName(String queueUrl) throws ScalerConfigException {
        if (!queueUrl.contains("://")) {
            if (!QUEUE_NAME.matcher(queueUrl).matches()) {
                throw error("queueURL", "is neither a queue URL (https://sqs.<region>.amazonaws.com/<account id>/<queue name>) nor a queue name "
                        + "(up to 80 letters, digits, '-' or '_', optionally ending in .fifo)");
            }
            return queueUrl;
        }
        URI uri;
        try {
            uri = new URI(queueUrl);
        } catch (URISyntaxException e) {
            throw error("queueURL", "is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw error("queueURL", "must be an https (or http) URL");
        }
        if (uri.getHost() == null) {
            throw error("queueURL", "has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw error("queueURL", "must not contain user info");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String[] parts = path.split("/");
        if (parts.length != 3 || !parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw error("queueURL", "must have the path /<account id>/<queue name>");
        }
        if (!QUEUE_NAME.matcher(parts[2]).matches()) {
            throw error("queueURL", "ends in '" + parts[2] + "', which is not a valid SQS queue name");
        }
        return parts[2];
    }

    private static URI endpoint(String text) throws ScalerConfigException {
        if (text == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw error("awsEndpoint", "is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("https") && !scheme.equals("http")) || uri.getHost() == null) {
            throw error("awsEndpoint", "must be an absolute http(s) URL such as https://sqs.eu-west-1.amazonaws.com");
        }
        if (uri.getRawUserInfo() != null) {
            throw error("awsEndpoint", "must not contain user info");
        }
        return uri;
    }
}
