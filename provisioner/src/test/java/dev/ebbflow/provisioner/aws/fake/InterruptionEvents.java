package dev.ebbflow.provisioner.aws.fake;

import java.time.Instant;

/** EventBridge events as EC2 and AWS Health put them on an interruption queue (the shapes their documentation shows). */
public final class InterruptionEvents {

    private InterruptionEvents() {
    }

    public static String spotInterruption(String instanceId, String zone) {
        return ec2("EC2 Spot Instance Interruption Warning", zone, instanceId,
                "{\"instance-id\":\"" + instanceId + "\",\"instance-action\":\"terminate\"}");
    }

    /**
     * An instance of an interruptible capacity reservation being taken back, as EC2's documentation
     * shows it (there {@code resources} is a string, not a list).
     */
    public static String capacityReservationInterruption(String instanceId, String zoneId) {
        return "{\"version\":\"0\",\"id\":\"" + Math.abs(instanceId.hashCode()) + "\",\"detail-type\":"
                + "\"EC2 Capacity Reservation Instance Interruption Warning\",\"source\":\"aws.ec2\",\"account\":\"123456789012\","
                + "\"time\":\"" + Instant.now() + "\",\"resources\":\"arn:aws:ec2:us-west-2:123456789012:instance/" + instanceId + "\","
                + "\"region\":\"us-west-2\",\"detail\":{\"instance-id\":\"" + instanceId + "\",\"instance-action\":\"terminate\","
                + "\"instance-termination-time\":\"" + Instant.now().plusSeconds(120) + "\",\"azId\":\"" + zoneId + "\"}}";
    }

    public static String rebalanceRecommendation(String instanceId, String zone) {
        return ec2("EC2 Instance Rebalance Recommendation", zone, instanceId, "{\"instance-id\":\"" + instanceId + "\"}");
    }

    public static String stateChange(String instanceId, String zone, String state) {
        return ec2("EC2 Instance State-change Notification", zone, instanceId,
                "{\"instance-id\":\"" + instanceId + "\",\"state\":\"" + state + "\"}");
    }

    public static String scheduledChange(String service, String category, String... instanceIds) {
        StringBuilder entities = new StringBuilder();
        for (String id : instanceIds) {
            entities.append(entities.length() == 0 ? "" : ",").append("{\"entityValue\":\"").append(id).append("\"}");
        }
        return "{\"version\":\"0\",\"id\":\"7fb65329-1628-4cf3-a740-95fg457h1402\",\"detail-type\":\"AWS Health Event\",\"source\":\"aws.health\","
                + "\"account\":\"123456789012\",\"time\":\"" + Instant.now() + "\",\"region\":\"us-west-2\",\"resources\":[],"
                + "\"detail\":{\"eventArn\":\"arn:aws:health:us-west-2::event/EC2/EC2_INSTANCE_RETIREMENT_SCHEDULED/1\",\"service\":\""
                + service + "\",\"eventTypeCode\":\"AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED\",\"eventTypeCategory\":\"" + category
                + "\",\"affectedEntities\":[" + entities + "]}}";
    }

    private static String ec2(String detailType, String zone, String instanceId, String detail) {
        return "{\"version\":\"0\",\"id\":\"" + Math.abs((detailType + instanceId).hashCode()) + "\",\"detail-type\":\"" + detailType
                + "\",\"source\":\"aws.ec2\",\"account\":\"123456789012\",\"time\":\"" + Instant.now() + "\",\"region\":\"us-west-2\","
                + "\"resources\":[\"arn:aws:ec2:" + zone + ":instance/" + instanceId + "\"],\"detail\":" + detail + "}";
    }
}
