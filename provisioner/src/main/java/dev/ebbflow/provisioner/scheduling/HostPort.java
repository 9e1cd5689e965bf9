package dev.ebbflow.provisioner.scheduling;

/** A host port a container claims; an empty or 0.0.0.0 host IP claims the port on every address. */
public record HostPort(String protocol, String hostIp, int port) {

    public HostPort {
        protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
        hostIp = hostIp == null || hostIp.isEmpty() ? "0.0.0.0" : hostIp;
    }

    public boolean conflictsWith(HostPort o) {
        return port == o.port && protocol.equals(o.protocol)
                && (hostIp.equals(o.hostIp) || "0.0.0.0".equals(hostIp) || "0.0.0.0".equals(o.hostIp));
    }
}
