package dev.ebbflow.scalers;

/** One read of a trigger source: the metric value and whether it passes the activation threshold. */
public record ScalerReading(double value, boolean active) {
}
