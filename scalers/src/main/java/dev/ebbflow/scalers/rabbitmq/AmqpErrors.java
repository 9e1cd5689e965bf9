package dev.ebbflow.scalers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ChannelContinuationTimeoutException;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** Turns amqp-client failures into messages a user can act on, without any credential. */
final class AmqpErrors {

    private AmqpErrors() {
    }

    static String describeConnectFailure(Throwable e, String where, String vhost, String username, String password) {
        if (e instanceof PossibleAuthenticationFailureException) {
            return "RabbitMQ at " + where + " refused the credentials of user '" + username + "'";
        }
        ShutdownSignalException closed = shutdownCause(e);
        if (closed != null && closed.getReason() instanceof AMQP.Connection.Close close) {
            return "RabbitMQ at " + where + " closed the connection to vhost '" + vhost + "': "
                    + Redaction.scrub(close.getReplyText(), password);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException) {
            return "cannot reach RabbitMQ at " + where + ": " + Redaction.describe(e, password);
        }
        if (e instanceof TimeoutException || e instanceof SocketTimeoutException) {
            return "timed out connecting to RabbitMQ at " + where;
        }
        return "cannot connect to RabbitMQ at " + where + ": " + Redaction.describe(e, password);
    }

    /** Whether a channel RPC ran out of time (amqp-client wraps the TimeoutException in an IOException). */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof ChannelContinuationTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The broker's close reason behind an exception, if it closed the channel or connection. */
    static ShutdownSignalException shutdownCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s) {
                return s;
            }
        }
        return null;
    }
}
