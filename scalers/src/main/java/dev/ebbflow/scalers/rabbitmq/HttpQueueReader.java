package dev.ebbflow.scalers.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebbflow.scalers.ScalerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads queue statistics from the management API: one queue by name, or every queue whose name
 * matches {@code queueName} as a regex (one page, as KEDA reads it), combined by {@code operation}.
 */
final class HttpQueueReader implements QueueReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RabbitMqMetadata metadata;
    private final HttpClient client;
    private final String baseUrl;
    private final String authorization;

    HttpQueueReader(RabbitMqMetadata metadata, HttpClient client) {
        this.metadata = metadata;
        this.client = client;
        this.baseUrl = metadata.broker().redacted() + metadata.broker().httpPathPrefix() + "/api/queues/" + UrlEncoding.encode(metadata.vhost());
        Credentials c = metadata.credentials();
        this.authorization = c.username() == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((c.username() + ":" + (c.password() == null ? "" : c.password())).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public QueueStats read() throws ScalerException {
        if (!metadata.useRegex()) {
            return statsOf(get(URI.create(baseUrl + "/" + UrlEncoding.encode(metadata.queueName()))));
        }
        // KEDA's query: the first page of pageSize queues; more matches than one page holds is an error, not a partial sum.
        JsonNode body = get(URI.create(baseUrl + "?page=1&use_regex=true&pagination=false&name=" + UrlEncoding.encode(metadata.queueName())
                + "&page_size=" + metadata.pageSize()));
        int pageCount = body.path("page_count").asInt(1);
        if (pageCount > 1) {
            throw new ScalerException("the regex '" + metadata.queueName() + "' matches " + body.path("filtered_count").asInt()
                    + " queues, more than one page of " + metadata.pageSize() + " (metadata.pageSize) holds");
        }
        List<QueueStats> values = new ArrayList<>();
        for (JsonNode queue : body.path("items")) {
            values.add(statsOf(queue));
        }
        return QueueStats.combine(values, metadata.operation());
    }

    /**
     * The statistics of one queue object. Fields the broker has not reported yet count as 0: a queue
     * that never saw a publish or a delivery has no {@code publish_details} or {@code deliver_get_details}.
     */
    static QueueStats statsOf(JsonNode queue, boolean excludeUnacknowledged) {
        JsonNode rates = queue.path("message_stats");
        return new QueueStats(
                queue.path(excludeUnacknowledged ? "messages_ready" : "messages").asDouble(0),
                rates.path("publish_details").path("rate").asDouble(0),
                rates.path("deliver_get_details").path("rate").asDouble(0));
    }

    private QueueStats statsOf(JsonNode queue) {
        return statsOf(queue, metadata.excludeUnacknowledged());
    }

    private JsonNode get(URI uri) throws ScalerException {
        String where = metadata.broker().redacted();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(metadata.timeout()).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ScalerException("the RabbitMQ management API at " + where + " did not answer within " + metadata.timeout().toMillis() + " ms");
        } catch (ConnectException e) {
            throw new ScalerException("cannot reach the RabbitMQ management API at " + where + ": " + Redaction.describe(e, metadata.credentials().password()));
        } catch (IOException e) {
            throw new ScalerException("request to the RabbitMQ management API at " + where + " failed: " + Redaction.describe(e, metadata.credentials().password()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScalerException("interrupted while reading the RabbitMQ management API at " + where);
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new ScalerException("the RabbitMQ management API at " + where + " refused the credentials of user '" + metadata.credentials().username()
                    + "' (HTTP 401" + reason(response.body()) + ")");
        }
        if (status == 404) {
            throw new ScalerException("queue '" + metadata.queueName() + "' or vhost '" + metadata.vhost() + "' not found at " + where + " (HTTP 404)");
        }
        if (status != 200) {
            throw new ScalerException("the RabbitMQ management API at " + where + " answered HTTP " + status + ": " + snippet(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ScalerException("the RabbitMQ management API at " + where + " answered with invalid JSON");
        }
    }

    /** The management API's own {@code reason} (e.g. "Login failed"), or nothing when the body has none. */
    private String reason(byte[] body) {
        try {
            String reason = JSON.readTree(body).path("reason").asText("");
            return reason.isBlank() ? "" : ": " + Redaction.scrub(reason, metadata.credentials().password());
        } catch (IOException e) {
            return "";
        }
    }

    private String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        text = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return Redaction.scrub(text, metadata.credentials().password());
    }

    /** Nothing to release: the HttpClient is shared per TLS configuration and lives with the factory. */
    @Override
    public void close() {
    }
}
