/**
 * The simulated cloud: its "instances" are Node objects it registers through the Kubernetes API after
 * a boot delay, as KWOK does, and keeps alive (Lease, Ready heartbeat, pods marked Running) since no
 * kubelet runs behind them. Its instance types come from a SimulatedNodeClass.
 */
package dev.ebbflow.provisioner.cloud.simulated;
