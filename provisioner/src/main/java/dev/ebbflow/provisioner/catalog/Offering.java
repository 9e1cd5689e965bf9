package dev.ebbflow.provisioner.catalog;

/**
 * One place an instance type can be bought: a zone and a capacity type ({@code spot},
 * {@code on-demand}, {@code reserved}) at an hourly price, and whether the cloud has it now. A
 * {@code reserved} offering may name the {@link Reservation} it draws on (null otherwise): then it can
 * start only as many instances as the reservation has left.
 */
public record Offering(String zone, String capacityType, double pricePerHour, boolean available, Reservation reservation) {

    public static final String SPOT = "spot";
    public static final String ON_DEMAND = "on-demand";
    public static final String RESERVED = "reserved";

    public Offering(String zone, String capacityType, double pricePerHour, boolean available) {
        this(zone, capacityType, pricePerHour, available, null);
    }

    public Offering withAvailable(boolean nowAvailable) {
        return new Offering(zone, capacityType, pricePerHour, nowAvailable, reservation);
    }
}
