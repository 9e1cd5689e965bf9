package dev.ebbflow.provisioner.aws.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SSM's GetParameter (JSON 1.1 protocol, {@code X-Amz-Target: AmazonSSM.GetParameter}) over the
 * parameters it holds, such as the EKS-optimised AMI ids AWS publishes; a missing one is SSM's
 * {@code ParameterNotFound} (HTTP 400).
 */
public final class FakeSsm {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An SSM error: its {@code __type} and HTTP status. */
    static final class SsmError extends RuntimeException {
        final String type;

        SsmError(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    public FakeSsm parameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    String handle(String operation, JsonNode request) {
        requests.add(request);
        if (!operation.equals("GetParameter")) {
            throw new SsmError("InvalidAction", operation);
        }
        String name = request.path("Name").asText();
        String value = parameters.get(name);
        if (value == null) {
            throw new SsmError("ParameterNotFound", "Parameter " + name + " not found.");
        }
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode p = answer.putObject("Parameter");
        p.put("Name", name);
        p.put("Type", "String");
        p.put("Value", value);
        p.put("Version", 1);
        p.put("DataType", value.startsWith("ami-") ? "aws:ec2:image" : "text");
        p.put("ARN", "arn:aws:ssm:us-west-2::parameter" + (name.startsWith("/") ? name : "/" + name));
        return answer.toString();
    }

    static String error(SsmError e) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("__type", e.type);
        answer.put("message", e.getMessage());
        return answer.toString();
    }
}
