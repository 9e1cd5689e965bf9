package dev.ebbflow.scalers.servicebus;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpResponse;
import dev.ebbflow.scalers.MetadataSecrets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Azure SDK failures into messages a user can act on, without any credential. */
final class ServiceBusErrors {

    private static final Pattern DETAIL = Pattern.compile("<Detail>(.*?)</Detail>", Pattern.DOTALL);
    private static final int MAX_DETAIL = 200;

    private ServiceBusErrors() {
    }

    static String describe(RuntimeException e, ServiceBusMetadata m) {
        String where = "Service Bus namespace " + m.authority();
        String entity = m.describeEntity();
        // Checked first: for a missing queue the service answers 200 with an empty feed, which the SDK reports as not found.
        if (e instanceof ResourceNotFoundException notFound && (notFound.getResponse() == null || notFound.getResponse().getStatusCode() != 404)) {
            return entity + " not found in " + where;
        }
        if (e instanceof HttpResponseException http && http.getResponse() != null) {
            HttpResponse response = http.getResponse();
            int status = response.getStatusCode();
            String detail = detail(http, m);
            return switch (status) {
                case 401 -> where + " refused the credentials (HTTP 401" + detail + "); check the connection string's key or the workload identity";
                case 403 -> where + " denied reading " + entity + " (HTTP 403" + detail + "); the scaler needs Manage rights on the namespace";
                case 404 -> entity + " not found in " + where + " (HTTP 404" + detail + ")";
                case 429, 503 -> where + " is throttling requests (HTTP " + status + retryAfter(response) + detail
                        + "); the next poll retries";
                default -> where + " answered HTTP " + status + " reading " + entity + detail;
            };
        }
        if (e instanceof ClientAuthenticationException) {
            // azure-identity failures: no token could be obtained for the workload identity
            return "could not authenticate to " + where + ": " + safeMessage(e, m);
        }
        if (causeOf(e, ConnectException.class) != null || causeOf(e, UnknownHostException.class) != null) {
            return "cannot reach " + where;
        }
        if (causeOf(e, HttpTimeoutException.class) != null || causeOf(e, TimeoutException.class) != null
                || causeOf(e, java.net.SocketTimeoutException.class) != null) {
            return "timed out reading " + entity + " from " + where;
        }
        IOException io = causeOf(e, IOException.class);
        if (io != null) {
            return "request to " + where + " failed: " + io.getClass().getSimpleName() + ": " + safeMessage(io, m);
        }
        return "reading " + entity + " from " + where + " failed: " + e.getClass().getSimpleName() + ": " + safeMessage(e, m);
    }

    /**
     * Service Bus puts the reason in {@code <Error><Detail>...}; the SDK makes it the exception's
     * message and keeps the whole body in a cause's message.
     */
    private static String detail(HttpResponseException e, ServiceBusMetadata m) {
        String text = null;
        for (Throwable t = e; t != null && text == null; t = t.getCause()) {
            Matcher d = t.getMessage() == null ? null : DETAIL.matcher(t.getMessage());
            text = d != null && d.find() ? d.group(1).trim() : null;
        }
        if (text == null) {
            text = e.getMessage() == null || e.getMessage().startsWith("Status code ") ? "" : e.getMessage().trim();
        }
        if (text.isEmpty()) {
            return "";
        }
        text = MetadataSecrets.scrub(text, m.auth().secrets());
        return ": " + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text);
    }

    private static String retryAfter(HttpResponse response) {
        String retryAfter = response.getHeaderValue("Retry-After");
        return retryAfter == null ? "" : ", Retry-After " + retryAfter + " s";
    }

    private static String safeMessage(Throwable t, ServiceBusMetadata m) {
        String msg = MetadataSecrets.scrub(t.getMessage(), m.auth().secrets());
        if (msg == null) {
            return "(no message)";
        }
        return msg.length() > MAX_DETAIL ? msg.substring(0, MAX_DETAIL) + "..." : msg;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
