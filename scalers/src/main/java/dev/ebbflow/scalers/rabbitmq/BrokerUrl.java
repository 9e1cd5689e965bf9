package dev.ebbflow.scalers.rabbitmq;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The trigger's {@code host}, split into what identifies the broker and the credentials it carries.
 * Only {@link #redacted()} may appear in messages: it has no user information.
 */
public record BrokerUrl(String scheme, String host, int port, String rawPath, Credentials credentials) {

    /**
     * Parses {@code amqp[s]://[user:password@]host[:port][/vhost]} or
     * {@code http[s]://[user:password@]host[:port][/path]/[vhost]}.
     *
     * @throws IllegalArgumentException with a message that never quotes the URL (it may hold a password)
     */
    public static BrokerUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (expected <amqp|amqps|http|https>://host:port/vhost)");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !(scheme.equals("amqp") || scheme.equals("amqps") || scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("must start with amqp://, amqps://, http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("has no host name (expected " + scheme + "://host:port/...)");
        }
        Credentials credentials = Credentials.NONE;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            String password = colon < 0 ? null : userInfo.substring(colon + 1);
            credentials = new Credentials(decode(user), password == null ? null : decode(password));
        }
        boolean secure = scheme.equals("amqps") || scheme.equals("https");
        int port = uri.getPort();
        if (port < 0) {
            port = switch (scheme) {
                case "amqp" -> 5672;
                case "amqps" -> 5671;
                case "http" -> 80;
                default -> 443;
            };
        }
        return new BrokerUrl(scheme, uri.getHost(), port, uri.getRawPath() == null ? "" : uri.getRawPath(), credentials);
    }

    public Protocol protocol() {
        return scheme.startsWith("amqp") ? Protocol.AMQP : Protocol.HTTP;
    }

    public boolean secure() {
        return scheme.equals("amqps") || scheme.equals("https");
    }

    /** The AMQP virtual host in the path; none (or a bare slash) means the default vhost "/". */
    public String amqpVhost() {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        return decode(rawPath.substring(1));
    }

    /** The management API's path prefix, i.e. every segment before the last one (the vhost). */
    public String httpPathPrefix() {
        int last = rawPath.lastIndexOf('/');
        String prefix = last <= 0 ? "" : rawPath.substring(0, last);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix;
    }

    /** The vhost in the management URL's last path segment; empty means the default vhost "/". */
    public String httpVhost() {
        int last = rawPath.lastIndexOf('/');
        String segment = last < 0 ? "" : rawPath.substring(last + 1);
        return segment.isEmpty() ? "/" : decode(segment);
    }

    /** scheme://host:port, safe for messages and logs. */
    public String redacted() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return redacted() + rawPath;
    }
}
