package dev.ebbflow.scalers.sqs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP server that speaks the documented subset of AWS that the scaler uses: STS
 * AssumeRole and AssumeRoleWithWebIdentity (query protocol, XML answers) and SQS GetQueueUrl / GetQueueAttributes (JSON 1.0
 * protocol, {@code X-Amz-Target: AmazonSQS.<Action>}). It records every request and answers from
 * per-action scripts, falling back to a success answer.
 */
final class FakeAws implements AutoCloseable {

    static final String ASSUMED_KEY_ID = "ASIAASSUMEDROLEKEY";
    static final String ASSUMED_SECRET = "assumed-secret-access-key";
    static final String ASSUMED_TOKEN = "assumed-session-token";
    static final String WEB_KEY_ID = "ASIAWEBIDENTITYKEY";
    static final String WEB_TOKEN = "web-identity-session-token";

    /** One recorded request. */
    record Request(String action, String authorization, String securityToken, String body) {

        /** The access key id in a SigV4 Authorization header ({@code Credential=<key id>/<date>/...}). */
        String accessKeyId() {
            int start = authorization.indexOf("Credential=") + "Credential=".length();
            return authorization.substring(start, authorization.indexOf('/', start));
        }

        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return form;
        }
    }

    /** A scripted answer. */
    record Answer(int status, Map<String, String> headers, String body) {

        static Answer sqsError(int status, String type, String queryError, String message) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/x-amz-json-1.0");
            if (queryError != null) {
                headers.put("x-amzn-query-error", queryError);
            }
            return new Answer(status, headers, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
        }

        /** Holds the request this long before answering with success, as a hung endpoint would. */
        static Answer stall(Duration duration) {
            return new Answer(-1, Map.of("stall-millis", String.valueOf(duration.toMillis())), "");
        }

        /** A successful AssumeRoleWithWebIdentity whose credentials expire at {@code expiration} (ISO-8601). */
        static Answer webIdentityOk(String expiration) {
            return new Answer(200, Map.of("Content-Type", "text/xml"), """
                    <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <AssumeRoleWithWebIdentityResult>
                        <SubjectFromWebIdentityToken>system:serviceaccount:ebbflow:ebbflow-operator</SubjectFromWebIdentityToken>
                        <Audience>sts.amazonaws.com</Audience>
                        <AssumedRoleUser>
                          <Arn>arn:aws:sts::123456789012:assumed-role/web/ebbflow-aws-sqs-queue</Arn>
                          <AssumedRoleId>AROACLKWSDQRAOEXAMPLE:ebbflow-aws-sqs-queue</AssumedRoleId>
                        </AssumedRoleUser>
                        <Credentials>
                          <AccessKeyId>%s</AccessKeyId>
                          <SecretAccessKey>web-identity-secret</SecretAccessKey>
                          <SessionToken>%s</SessionToken>
                          <Expiration>%s</Expiration>
                        </Credentials>
                        <Provider>arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE</Provider>
                      </AssumeRoleWithWebIdentityResult>
                      <ResponseMetadata><RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId></ResponseMetadata>
                    </AssumeRoleWithWebIdentityResponse>""".formatted(WEB_KEY_ID, WEB_TOKEN, expiration));
        }

        static Answer sqsOk(String json) {
            return new Answer(200, Map.of("Content-Type", "application/x-amz-json-1.0"), json);
        }

        static Answer stsError(int status, String code, String message) {
            return new Answer(status, Map.of("Content-Type", "text/xml"), """
                    <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                      <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
                    </ErrorResponse>""".formatted(code, message));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new LinkedHashMap<>();
    private volatile String attributesJson = attributes(3, 2, 4);

    FakeAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static String attributes(int visible, int notVisible, int delayed) {
        return "{\"Attributes\":{\"ApproximateNumberOfMessages\":\"" + visible + "\",\"ApproximateNumberOfMessagesNotVisible\":\"" + notVisible
                + "\",\"ApproximateNumberOfMessagesDelayed\":\"" + delayed + "\"}}";
    }

    void answerAttributes(String json) {
        attributesJson = json;
    }

    /** Answers the next request of {@code action} (e.g. {@code AssumeRole}, {@code GetQueueAttributes}) with these, in order. */
    synchronized void script(String action, Answer... answers) {
        scripts.computeIfAbsent(action, a -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String action) {
        return requests.stream().filter(r -> r.action().equals(action)).toList();
    }

    void clear() {
        requests.clear();
        synchronized (this) {
            scripts.clear();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        String action;
        if (target != null) {
            action = target.substring(target.indexOf('.') + 1);
        } else {
            String a = new Request("", "", null, body).form().get("Action");
            action = a == null ? "unknown" : a;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(action, auth == null ? "" : auth, ex.getRequestHeaders().getFirst("X-Amz-Security-Token"), body));
        Answer answer;
        synchronized (this) {
            Deque<Answer> script = scripts.get(action);
            answer = script == null || script.isEmpty() ? null : script.poll();
        }
        if (answer != null && answer.status() == -1) {
            sleep(Long.parseLong(answer.headers().get("stall-millis")));
            answer = null;
        }
        if (answer == null) {
            answer = success(action, body);
        }
        answer.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("x-amzn-RequestId", "req-" + requests.size());
        ex.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer success(String action, String body) {
        return switch (action) {
            case "AssumeRole" -> new Answer(200, Map.of("Content-Type", "text/xml"), """
                    <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <AssumeRoleResult>
                        <AssumedRoleUser>
                          <Arn>arn:aws:sts::123456789012:assumed-role/queue-reader/ebbflow-aws-sqs-queue</Arn>
                          <AssumedRoleId>AROA3XFRBF535PLBIFPI4:ebbflow-aws-sqs-queue</AssumedRoleId>
                        </AssumedRoleUser>
                        <Credentials>
                          <AccessKeyId>%s</AccessKeyId>
                          <SecretAccessKey>%s</SecretAccessKey>
                          <SessionToken>%s</SessionToken>
                          <Expiration>2099-01-01T00:00:00Z</Expiration>
                        </Credentials>
                      </AssumeRoleResult>
                      <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
                    </AssumeRoleResponse>""".formatted(ASSUMED_KEY_ID, ASSUMED_SECRET, ASSUMED_TOKEN));
            case "AssumeRoleWithWebIdentity" -> Answer.webIdentityOk("2099-01-01T00:00:00Z");
            case "GetQueueUrl" -> Answer.sqsOk("{\"QueueUrl\":\"" + endpoint() + "/123456789012/"
                    + body.replaceAll(".*\"QueueName\"\\s*:\\s*\"([^\"]+)\".*", "$1") + "\"}");
            case "GetQueueAttributes" -> Answer.sqsOk(attributesJson);
            default -> Answer.sqsError(400, "com.amazonaws.sqs#InvalidAction", "InvalidAction;Sender", "unsupported by the fake: " + action);
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
