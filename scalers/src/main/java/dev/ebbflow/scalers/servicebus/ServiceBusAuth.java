package dev.ebbflow.scalers.servicebus;

import dev.ebbflow.scalers.MetadataSecrets;

/**
 * How a trigger authenticates to its namespace. {@link #identity()} is what two triggers must share
 * to share an administration client: it holds digests, never a secret, and {@link #toString()} is
 * safe to log.
 */
sealed interface ServiceBusAuth {

    /** A key that identifies the credential without revealing it. */
    String identity();

    /** The secrets to scrub from any message built from library text. */
    String[] secrets();

    /** A shared access key from the connection string; tokens are signed by us per namespace. */
    record SharedKey(String keyName, String key) implements ServiceBusAuth {
        @Override
        public String identity() {
            return "key:" + keyName + ":" + MetadataSecrets.digest(key);
        }

        @Override
        public String[] secrets() {
            return new String[] {key};
        }

        @Override
        public String toString() {
            return "SharedKey[keyName=" + keyName + ", key=***]";
        }
    }

    /** A ready-made shared access signature from the connection string, sent as is until it expires. */
    record SharedSignature(String signature) implements ServiceBusAuth {
        @Override
        public String identity() {
            return "sas:" + MetadataSecrets.digest(signature);
        }

        @Override
        public String[] secrets() {
            String sig = signature;
            int at = sig.indexOf("sig=");
            // the URL-encoded sig value is the secret part; the whole token is too
            return at < 0 ? new String[] {sig} : new String[] {sig, sig.substring(at + 4).split("&")[0]};
        }

        @Override
        public String toString() {
            return "SharedSignature[***]";
        }
    }

    /** {@code podIdentity.provider: azure-workload}: Azure Identity's credential chain. */
    record WorkloadIdentity() implements ServiceBusAuth {
        @Override
        public String identity() {
            return "azure-workload";
        }

        @Override
        public String[] secrets() {
            return new String[0];
        }
    }
}
