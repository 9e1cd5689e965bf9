package dev.ebbflow.provisioner.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTPS to Azure Resource Manager: a bearer token on every request, throttling ({@code 429}
 * with {@code Retry-After}) retried a bounded number of times, and long-running PUTs and DELETEs
 * followed through their {@code Azure-AsyncOperation} status until they end.
 */
public final class ArmClient {

    /** Waits; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final int MAX_THROTTLE_RETRIES = 3;
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private static final Duration DEFAULT_POLL = Duration.ofSeconds(2);
    private static final int MAX_POLLS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(ArmClient.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final ArmTokens tokens;
    private final Sleeper sleeper;

    public ArmClient(HttpClient http, URI endpoint, ArmTokens tokens, Sleeper sleeper) {
        this.http = http;
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.sleeper = sleeper;
    }

    public JsonNode get(String pathAndQuery) throws ArmException {
        return send("GET", resolve(pathAndQuery), null).body;
    }

    /** A GET of an absolute URL (a {@code nextLink}, or another API such as retail prices), without a token when {@code anonymous}. */
    public JsonNode getAbsolute(URI uri, boolean anonymous) throws ArmException {
        return send("GET", uri, null, anonymous).body;
    }

    /** PUT, then wait for its long-running operation; returns the resource as it ends. */
    public JsonNode put(String pathAndQuery, JsonNode body) throws ArmException {
        Answer answer = send("PUT", resolve(pathAndQuery), body);
        awaitOperation(answer);
        return send("GET", resolve(pathAndQuery), null).body;
    }

    /** DELETE, then wait for its long-running operation. */
    public void delete(String pathAndQuery) throws ArmException {
        awaitOperation(send("DELETE", resolve(pathAndQuery), null));
    }

    private URI resolve(String pathAndQuery) {
        return URI.create(endpoint.toString().replaceAll("/+$", "") + pathAndQuery);
    }

    private record Answer(int status, JsonNode body, Optional<String> asyncOperation, Optional<Duration> retryAfter) {
    }

    private void awaitOperation(Answer answer) throws ArmException {
        if (answer.asyncOperation().isEmpty()) {
            return;
        }
        URI status = URI.create(answer.asyncOperation().get());
        Duration wait = answer.retryAfter().orElse(DEFAULT_POLL);
        for (int i = 0; i < MAX_POLLS; i++) {
            pause(wait);
            Answer poll = send("GET", status, null);
            String state = poll.body().path("status").asText();
            switch (state) {
                case "Succeeded":
                    return;
                case "Failed":
                case "Canceled":
                    JsonNode error = poll.body().path("error");
                    throw new ArmException(200, error.path("code").asText(state), error.path("message").asText("operation " + state));
                default:
                    wait = poll.retryAfter().orElse(DEFAULT_POLL);
            }
        }
        throw new ArmException(0, "OperationTimedOut", "operation " + status + " did not end after " + MAX_POLLS + " polls");
    }

    private Answer send(String method, URI uri, JsonNode body) throws ArmException {
        return send(method, uri, body, false);
    }

    private Answer send(String method, URI uri, JsonNode body, boolean anonymous) throws ArmException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
            if (!anonymous) {
                request.header("Authorization", "Bearer " + tokens.token());
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new ArmException(0, "ConnectionFailed", method + " " + uri.getPath() + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ArmException(0, "Interrupted", method + " " + uri.getPath() + " interrupted");
            }
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(ArmClient::seconds);
            int status = response.statusCode();
            JsonNode json = parse(response.body());
            if (status == 429 && attempt < MAX_THROTTLE_RETRIES) {
                Duration wait = retryAfter.orElse(Duration.ofSeconds(1L << attempt));
                LOG.info("{} {} throttled by Azure, retrying in {}", method, uri.getPath(), wait);
                pause(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
                continue;
            }
            if (status >= 400) {
                JsonNode error = json.path("error");
                throw new ArmException(status, error.path("code").asText(status == 429 ? "TooManyRequests" : "HTTP" + status),
                        error.path("message").asText(method + " " + uri.getPath()));
            }
            return new Answer(status, json, response.headers().firstValue("Azure-AsyncOperation"), retryAfter);
        }
    }

    private void pause(Duration duration) throws ArmException {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArmException(0, "Interrupted", "interrupted while waiting");
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static Optional<Duration> seconds(String text) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
