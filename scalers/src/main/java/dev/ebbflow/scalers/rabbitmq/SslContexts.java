package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.ScalerConfigException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds (and caches per {@link TlsSettings#fingerprint()}) the SSLContext of a TLS configuration
 * from PEM text: {@code ca} becomes the trust store, {@code cert} + {@code key} the client identity
 * (PKCS#8, encrypted PKCS#8 with {@code keyPassword}, or PKCS#1 RSA), {@code unsafeSsl} trusts any
 * server certificate and host name.
 */
final class SslContexts {

    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.+?)-----END \\1-----", Pattern.DOTALL);
    private static final char[] NO_PASSWORD = new char[0];

    private final ConcurrentMap<String, SSLContext> byFingerprint = new ConcurrentHashMap<>();

    /** The context for these settings; equal settings get the same instance. */
    SSLContext forSettings(TlsSettings tls) throws ScalerConfigException {
        String key = tls.fingerprint();
        SSLContext cached = byFingerprint.get(key);
        if (cached != null) {
            return cached;
        }
        SSLContext built = build(tls);
        SSLContext raced = byFingerprint.putIfAbsent(key, built);
        return raced != null ? raced : built;
    }

    static SSLContext build(TlsSettings tls) throws ScalerConfigException {
        try {
            if (!tls.customMaterial() && !tls.unsafeSsl()) {
                return SSLContext.getDefault();
            }
            KeyManagerFactory kmf = null;
            if (tls.enabled() && tls.cert() != null) {
                KeyStore identity = KeyStore.getInstance("PKCS12");
                identity.load(null, null);
                Certificate[] chain = certificates("cert", tls.cert()).toArray(new Certificate[0]);
                identity.setKeyEntry("client", privateKey(tls.key(), tls.keyPassword()), NO_PASSWORD, chain);
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(identity, NO_PASSWORD);
            }
            TrustManager[] trust = null;
            if (tls.unsafeSsl()) {
                trust = new TrustManager[] {new TrustEverything()};
            } else if (tls.enabled() && tls.ca() != null) {
                KeyStore cas = KeyStore.getInstance("PKCS12");
                cas.load(null, null);
                int i = 0;
                for (Certificate c : certificates("ca", tls.ca())) {
                    cas.setCertificateEntry("ca-" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(cas);
                trust = tmf.getTrustManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, null);
            return ctx;
        } catch (ScalerConfigException e) {
            throw e;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new ScalerConfigException("metadata.tls", "metadata.tls: cannot build the TLS context: " + e.getClass().getSimpleName());
        }
    }

    private static Collection<? extends Certificate> certificates(String field, String pem) throws ScalerConfigException {
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                throw new ScalerConfigException("metadata." + field, "metadata." + field + " holds no PEM certificate");
            }
            return certs;
        } catch (java.security.cert.CertificateException e) {
            throw new ScalerConfigException("metadata." + field, "metadata." + field + " is not a valid PEM certificate");
        }
    }

    private static PrivateKey privateKey(String pem, String password) throws ScalerConfigException {
        Matcher m = PEM_BLOCK.matcher(pem);
        if (!m.find()) {
            throw keyError("is not a PEM private key");
        }
        String type = m.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2).trim());
        } catch (IllegalArgumentException e) {
            throw keyError("is not valid base64 PEM");
        }
        byte[] pkcs8 = switch (type) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY" -> {
                if (m.group(2).contains("Proc-Type")) {
                    throw keyError("uses legacy OpenSSL encryption; convert it with 'openssl pkcs8 -topk8'");
                }
                yield wrapPkcs1Rsa(der);
            }
            case "ENCRYPTED PRIVATE KEY" -> decrypt(der, password);
            default -> throw keyError("has an unsupported PEM type " + type + "; use PKCS#8 ('openssl pkcs8 -topk8')");
        };
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException ignored) {
                // not this algorithm: try the next one
            }
        }
        throw keyError("is not an RSA, EC or EdDSA private key");
    }

    private static byte[] decrypt(byte[] der, String password) throws ScalerConfigException {
        if (password == null) {
            throw new ScalerConfigException("metadata.keyPassword", "metadata.keyPassword is required for an encrypted private key");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // For PBES2 (what openssl writes today) the algorithm name is "PBES2"; the concrete
            // PBEWith<prf>And<cipher> name that the JCE understands is the parameters' toString.
            String algorithm = info.getAlgParameters() != null && "PBES2".equalsIgnoreCase(info.getAlgName())
                    ? info.getAlgParameters().toString() : info.getAlgName();
            SecretKeyFactory skf = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, skf.generateSecret(new PBEKeySpec(password.toCharArray())), info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new ScalerConfigException("metadata.keyPassword", "metadata.keyPassword does not decrypt metadata.key");
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, the key as an OCTET STRING). */
    static byte[] wrapPkcs1Rsa(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(derTag(0x04, pkcs1));
        return derTag(0x30, body.toByteArray());
    }

    private static byte[] derTag(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int bytes = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(len >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static ScalerConfigException keyError(String message) {
        return new ScalerConfigException("metadata.key", "metadata.key " + message);
    }

    /** unsafeSsl: accepts any server; as an extended manager it also skips the host name check. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
