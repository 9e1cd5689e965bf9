package dev.ebbflow.provisioner.aws.fake;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;

/**
 * Writes an SDK response object as the EC2 Query API's XML (and IAM's, the plain Query protocol),
 * with the element names the SDK's own model declares for unmarshalling, so that the fake server's
 * answers are read by the real SDK parser exactly as EC2's and IAM's would be.
 */
final class Ec2Xml {

    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private Ec2Xml() {
    }

    static String response(String action, SdkPojo body, String requestId) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append('<').append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
        sb.append("<requestId>").append(requestId).append("</requestId>");
        fields(sb, body, "item");
        sb.append("</").append(action).append("Response>");
        return sb.toString();
    }

    /** IAM's shape: the body in an {@code <ActionResult>}, lists of {@code <member>}s, the request id in {@code ResponseMetadata}. */
    static String iamResponse(String action, SdkPojo body, String requestId) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append('<').append(action).append("Response xmlns=\"").append(IAM_NAMESPACE).append("\"><").append(action).append("Result>");
        fields(sb, body, "member");
        sb.append("</").append(action).append("Result><ResponseMetadata><RequestId>").append(requestId)
                .append("</RequestId></ResponseMetadata></").append(action).append("Response>");
        return sb.toString();
    }

    static String iamError(String code, String message, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"" + IAM_NAMESPACE + "\"><Error><Type>Sender</Type><Code>"
                + escape(code) + "</Code><Message>" + escape(message) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
    }

    static String error(String code, String message, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + escape(code) + "</Code><Message>"
                + escape(message) + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>";
    }

    private static void fields(StringBuilder sb, SdkPojo pojo, String itemName) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof Collection<?> c && c.isEmpty()) {
                continue;
            }
            element(sb, field, field.unmarshallLocationName(), value, itemName);
        }
    }

    private static void element(StringBuilder sb, SdkField<?> field, String name, Object value, String itemName) {
        sb.append('<').append(name).append('>');
        if (value instanceof SdkPojo pojo) {
            fields(sb, pojo, itemName);
        } else if (value instanceof List<?> list) {
            ListTrait trait = field.getTrait(ListTrait.class);
            for (Object item : list) {
                element(sb, trait.memberFieldInfo(), itemName, item, itemName);
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
