package dev.ebbflow.provisioner.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ebbflow.provisioner.faults.FaultPolicy;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A local Azure Resource Manager for the documented subset the adapter uses, over HTTPS with a
 * self-signed certificate (Azure's bearer-token policy, like ours, refuses plain HTTP): Resource SKUs
 * (paged), retail prices (paged, {@code NextPageLink}), network interfaces and virtual machines
 * (PUT/GET/DELETE, VM list) whose PUTs and DELETEs are long-running operations polled through
 * {@code Azure-AsyncOperation}, community gallery image versions (paged; 404 for an image definition
 * it was not given), and injected errors: capacity codes (synchronous or in the
 * operation), quota, 429 with {@code Retry-After}, 401/403. Every request is recorded.
 */
public final class FakeAzureResourceManager implements AutoCloseable {

    public record Request(String method, String path, String query, JsonNode body, String authorization) {
    }

    /** An error to answer the next matching request with. */
    public record Failure(String method, String pathPart, int status, String code, String message, boolean inOperation) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESOURCE = Pattern.compile(
            "^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/(Microsoft\\.Compute/virtualMachines|Microsoft\\.Network/networkInterfaces)(?:/([^/]+))?$");

    private final HttpsServer server;
    private final SSLContext clientSsl;
    private final Path certificatePem;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, ObjectNode> resources = new ConcurrentHashMap<>();
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private volatile int throttled;
    private volatile int throttleRetryAfter;
    private volatile int authStatus;
    private volatile JsonNode skus = JSON.createObjectNode().putArray("value");
    private volatile List<JsonNode> pricePages = List.of();
    private final Map<String, List<JsonNode>> imageVersions = new ConcurrentHashMap<>();
    private static final Pattern IMAGE_VERSIONS = Pattern.compile(
            "^/subscriptions/[^/]+/providers/Microsoft\\.Compute/locations/[^/]+/communityGalleries/([^/]+)/images/([^/]+)/versions$");
    private volatile FaultPolicy faults = FaultPolicy.none();

    /** A long-running operation: InProgress on its first poll, then its outcome. */
    private static final class Operation {
        int polls;
        Runnable onSuccess;
        Failure failure;
        Runnable onFailure;
    }

    public FakeAzureResourceManager() throws Exception {
        Path dir = Files.createTempDirectory("fake-arm");
        Path keystore = dir.resolve("arm.p12");
        run("keytool", "-genkeypair", "-alias", "arm", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        certificatePem = dir.resolve("arm.pem");
        run("keytool", "-exportcert", "-rfc", "-alias", "arm", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificatePem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext serverSsl = SSLContext.getInstance("TLS");
        serverSsl.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        clientSsl = SSLContext.getInstance("TLS");
        clientSsl.init(null, tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverSsl));
        server.createContext("/", this::handle);
        server.start();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static FakeAzureResourceManager shared;

    /**
     * One server for the test classes of this JVM that need no catalog of their own (they run one after
     * another, and each test resets it first); it stops with the JVM.
     */
    public static synchronized FakeAzureResourceManager shared() {
        if (shared == null) {
            try {
                shared = new FakeAzureResourceManager();
            } catch (Exception e) {
                throw new IllegalStateException("starting the fake Azure Resource Manager: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public URI endpoint() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    public Path certificatePem() {
        return certificatePem;
    }

    /** An HTTP client that trusts this server's certificate and nothing else. */
    public HttpClient httpClient() {
        return HttpClient.newBuilder().sslContext(clientSsl).build();
    }

    /** Forgets resources, requests and injected faults, for the next test. */
    public synchronized void reset() {
        requests.clear();
        resources.clear();
        operations.clear();
        failures.clear();
        throttled = 0;
        authStatus = 0;
        imageVersions.clear();
        faults = FaultPolicy.none();
    }

    public void skus(JsonNode value) {
        skus = value;
    }

    /** The retail prices answer in pages of {@code Items}. */
    public void pricePages(List<JsonNode> pages) {
        pricePages = pages;
    }

    /** The versions (as the list API answers them) of one image definition of a community gallery; no call, and it answers 404. */
    public void imageVersions(String gallery, String image, List<JsonNode> versions) {
        imageVersions.put(gallery + "/" + image, versions);
    }

    public synchronized void fail(Failure failure) {
        failures.add(failure);
    }

    /**
     * Faults drawn per request (named {@code "<method> <path>"}): a capacity fault makes a VM PUT's operation
     * end in AllocationFailed, a throttle answers 429 with {@code Retry-After: 1}, a lost answer carries the PUT
     * or DELETE out to its end (Azure finishes what it accepted) and closes the connection without a response.
     */
    public void faults(FaultPolicy policy) {
        faults = policy;
    }

    public void throttle(int requests, int retryAfterSeconds) {
        throttleRetryAfter = retryAfterSeconds;
        throttled = requests;
    }

    public void refuseAuthorization(int status) {
        authStatus = status;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requests(String method, String pathPart) {
        return requests().stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart)).toList();
    }

    public Map<String, ObjectNode> resources() {
        return Map.copyOf(resources);
    }

    /** Puts a VM (or NIC) in place as if created outside this test's calls (a leaked or pre-existing one). */
    public void put(String path, ObjectNode resource) {
        resources.put(path, resource);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String path = uri.getPath();
            requests.add(new Request(method, path, uri.getRawQuery(), body, auth));
            FaultPolicy.Fault fault = faults.decide(method + " " + path);
            if (fault == FaultPolicy.Fault.THROTTLE) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                error(exchange, 429, "TooManyRequests", "The request is being throttled.");
                return;
            }
            if (throttled > 0) {
                throttled--;
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(throttleRetryAfter));
                error(exchange, 429, "TooManyRequests", "The request is being throttled.");
                return;
            }
            if (path.equals("/api/retail/prices")) {
                prices(exchange, uri.getRawQuery());
                return;
            }
            if (auth == null || !auth.startsWith("Bearer ")) {
                error(exchange, 401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
                return;
            }
            if (authStatus != 0) {
                error(exchange, authStatus, authStatus == 401 ? "InvalidAuthenticationToken" : "AuthorizationFailed",
                        "The client does not have authorization to perform action over scope '" + path + "'");
                return;
            }
            Failure failure = takeFailure(method, path);
            if (failure != null && !failure.inOperation()) {
                error(exchange, failure.status(), failure.code(), failure.message());
                return;
            }
            if (path.startsWith("/operations/")) {
                operation(exchange, path.substring("/operations/".length()));
            } else if (IMAGE_VERSIONS.matcher(path).matches()) {
                imageVersionsPage(exchange, path, uri.getRawQuery());
            } else if (path.endsWith("/providers/Microsoft.Compute/skus")) {
                send(exchange, 200, skusPage(uri.getRawQuery()));
            } else {
                if (failure == null && fault == FaultPolicy.Fault.CAPACITY) {
                    failure = new Failure(method, path, 200, "AllocationFailed",
                            "Allocation failed. We do not have sufficient capacity for the requested VM size in this region.", true);
                }
                resource(exchange, method, path, body, failure, fault == FaultPolicy.Fault.LOSE_RESPONSE);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private synchronized Failure takeFailure(String method, String path) {
        for (Failure f : failures) {
            if (f.method().equals(method) && path.contains(f.pathPart())) {
                failures.remove(f);
                return f;
            }
        }
        return null;
    }

    private JsonNode skusPage(String query) {
        // Two pages: the first half, then (through nextLink) the rest, as the API pages large answers.
        ArrayNode all = (ArrayNode) skus;
        int half = all.size() / 2;
        boolean second = query != null && query.contains("page=2");
        ObjectNode page = JSON.createObjectNode();
        ArrayNode value = page.putArray("value");
        for (int i = second ? half : 0; i < (second ? all.size() : half); i++) {
            value.add(all.get(i));
        }
        if (!second) {
            page.put("nextLink", endpoint() + "/subscriptions/sub/providers/Microsoft.Compute/skus?api-version=2021-07-01&page=2");
        }
        return page;
    }

    private void imageVersionsPage(HttpExchange exchange, String path, String query) throws IOException {
        Matcher m = IMAGE_VERSIONS.matcher(path);
        m.matches();
        List<JsonNode> versions = imageVersions.get(m.group(1) + "/" + m.group(2));
        if (versions == null) {
            error(exchange, 404, "ResourceNotFound", "The Resource 'Microsoft.Compute/communityGalleries/" + m.group(1) + "/images/"
                    + m.group(2) + "' was not found.");
            return;
        }
        // The first version alone, then (through nextLink) the rest, so that paging is exercised.
        boolean second = query != null && query.contains("page=2");
        ObjectNode page = JSON.createObjectNode();
        ArrayNode value = page.putArray("value");
        for (int i = second ? 1 : 0; i < (second ? versions.size() : Math.min(1, versions.size())); i++) {
            value.add(versions.get(i));
        }
        if (!second && versions.size() > 1) {
            page.put("nextLink", endpoint() + path + "?api-version=2024-03-03&page=2");
        }
        send(exchange, 200, page);
    }

    private void prices(HttpExchange exchange, String query) throws IOException {
        int index = 0;
        if (query != null && query.contains("$skip=")) {
            index = Integer.parseInt(query.replaceAll(".*\\$skip=(\\d+).*", "$1"));
        }
        if (index >= pricePages.size()) {
            send(exchange, 200, JSON.createObjectNode().putArray("Items"));
            return;
        }
        ObjectNode page = ((ObjectNode) pricePages.get(index)).deepCopy();
        if (index + 1 < pricePages.size()) {
            page.put("NextPageLink", endpoint() + "/api/retail/prices?$skip=" + (index + 1));
        } else {
            page.putNull("NextPageLink");
        }
        send(exchange, 200, page);
    }

    private void resource(HttpExchange exchange, String method, String path, JsonNode body, Failure failure,
                          boolean loseResponse) throws IOException {
        Matcher m = RESOURCE.matcher(path);
        if (!m.matches()) {
            error(exchange, 404, "InvalidResourceType", "no such API: " + path);
            return;
        }
        if (m.group(4) == null) {
            ObjectNode list = JSON.createObjectNode();
            ArrayNode value = list.putArray("value");
            resources.forEach((p, r) -> {
                if (p.startsWith(path + "/")) {
                    value.add(r);
                }
            });
            send(exchange, 200, list);
            return;
        }
        switch (method) {
            case "GET" -> {
                ObjectNode r = resources.get(path);
                if (r == null) {
                    error(exchange, 404, "ResourceNotFound", "The Resource '" + m.group(3) + "/" + m.group(4) + "' was not found.");
                } else {
                    send(exchange, 200, r);
                }
            }
            case "PUT" -> put(exchange, path, m.group(4), body, failure, loseResponse);
            case "DELETE" -> {
                if (!resources.containsKey(path)) {
                    exchange.sendResponseHeaders(204, -1);
                    return;
                }
                Operation op = new Operation();
                op.onSuccess = () -> {
                    ObjectNode removed = resources.remove(path);
                    if (removed != null) {
                        removed.path("properties").path("networkProfile").path("networkInterfaces").forEach(nic -> {
                            if ("Delete".equals(nic.path("properties").path("deleteOption").asText())) {
                                resources.remove(nic.path("id").asText());
                            }
                        });
                    }
                };
                if (loseResponse) {
                    op.onSuccess.run(); // nothing sent: the connection closes with the exchange
                    return;
                }
                accepted(exchange, 202, op, null);
            }
            default -> error(exchange, 405, "MethodNotAllowed", method);
        }
    }

    private void put(HttpExchange exchange, String path, String name, JsonNode body, Failure failure, boolean loseResponse) throws IOException {
        for (var it = body.path("tags").fieldNames(); it.hasNext(); ) {
            String tag = it.next();
            if (tag.matches(".*[<>%&\\\\?/].*")) {
                error(exchange, 400, "InvalidTagNameCharacters", "The tag names '" + tag + "' have reserved characters '<,>,%,&,\\,?,/'");
                return;
            }
        }
        ObjectNode stored = ((ObjectNode) body).deepCopy();
        stored.put("id", path);
        stored.put("name", name);
        ((ObjectNode) stored.path("properties")).put("provisioningState", "Creating");
        if (path.contains("/Microsoft.Compute/virtualMachines/")) {
            // ARM keeps a VM's creation time across PUTs of the same VM, with an offset and 7 decimals.
            ObjectNode before = resources.get(path);
            String created = before == null ? null : before.path("properties").path("timeCreated").asText(null);
            ((ObjectNode) stored.path("properties")).put("timeCreated", created != null ? created
                    : java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSxxx")));
        }
        if (stored.path("properties").path("osProfile") instanceof ObjectNode osProfile) {
            osProfile.remove("customData"); // ARM never returns custom data
        }
        resources.put(path, stored);
        Operation op = new Operation();
        op.onSuccess = () -> ((ObjectNode) stored.path("properties")).put("provisioningState", "Succeeded");
        op.failure = failure;
        op.onFailure = () -> ((ObjectNode) stored.path("properties")).put("provisioningState", "Failed");
        if (loseResponse) {
            (failure == null ? op.onSuccess : op.onFailure).run(); // nothing sent: the connection closes with the exchange
            return;
        }
        accepted(exchange, 201, op, stored);
    }

    private void accepted(HttpExchange exchange, int status, Operation op, JsonNode body) throws IOException {
        String id = UUID.randomUUID().toString();
        operations.put(id, op);
        exchange.getResponseHeaders().add("Azure-AsyncOperation", endpoint() + "/operations/" + id);
        exchange.getResponseHeaders().add("Retry-After", "0");
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            send(exchange, status, body);
        }
    }

    private void operation(HttpExchange exchange, String id) throws IOException {
        Operation op = operations.get(id);
        if (op == null) {
            error(exchange, 404, "OperationNotFound", id);
            return;
        }
        ObjectNode status = JSON.createObjectNode();
        if (op.polls++ == 0) {
            status.put("status", "InProgress");
        } else if (op.failure != null) {
            op.onFailure.run();
            status.put("status", "Failed");
            status.putObject("error").put("code", op.failure.code()).put("message", op.failure.message());
        } else {
            op.onSuccess.run();
            status.put("status", "Succeeded");
        }
        exchange.getResponseHeaders().add("Retry-After", "0");
        send(exchange, 200, status);
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
