package dev.ebbflow.provisioner.aws.fake;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;

/**
 * Writes an SDK response object as the EC2 Query API's XML, with the element names the SDK's own
 * model declares for unmarshalling, so that the fake server's answers are read by the real SDK
 * parser exactly as EC2's would be.
 */
final class Ec2Xml {

    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private Ec2Xml() {
    }

    static String response(String action, SdkPojo body, String requestId) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append('<').append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
        sb.append("<requestId>").append(requestId).append("</requestId>");
        fields(sb, body);
        sb.append("</").append(action).append("Response>");
        return sb.toString();
    }

    static String error(String code, String message, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + escape(code) + "</Code><Message>"
                + escape(message) + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>";
    }

    private static void fields(StringBuilder sb, SdkPojo pojo) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof Collection<?> c && c.isEmpty()) {
                continue;
            }
            element(sb, field, field.unmarshallLocationName(), value);
        }
    }

    private static void element(StringBuilder sb, SdkField<?> field, String name, Object value) {
        sb.append('<').append(name).append('>');
        if (value instanceof SdkPojo pojo) {
            fields(sb, pojo);
        } else if (value instanceof List<?> list) {
            ListTrait trait = field.getTrait(ListTrait.class);
            for (Object item : list) {
                element(sb, trait.memberFieldInfo(), "item", item);
            }
        } else if (value instanceof Instant instant) {
            sb.append(instant);
        } else {
            sb.append(escape(String.valueOf(value)));
        }
        sb.append("</").append(name).append('>');
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
