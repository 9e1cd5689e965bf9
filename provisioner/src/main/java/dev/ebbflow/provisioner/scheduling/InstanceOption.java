package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;

/** An instance type a new claim may be launched as, with its cheapest offering the claim allows. */
public record InstanceOption(InstanceType instanceType, Offering offering) {

    public String name() {
        return instanceType.name();
    }

    public double price() {
        return offering.pricePerHour();
    }
}
