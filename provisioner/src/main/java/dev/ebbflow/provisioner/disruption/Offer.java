package dev.ebbflow.provisioner.disruption;

/** What a node was bought as, and what it costs an hour. */
public record Offer(String instanceType, String capacityType, String zone, double pricePerHour) {

    public static final String SPOT = "spot";

    public static final Offer UNKNOWN = new Offer("", "", "", 0);

    public boolean spot() {
        return SPOT.equals(capacityType);
    }
}
