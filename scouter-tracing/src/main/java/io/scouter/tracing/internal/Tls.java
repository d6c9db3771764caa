package io.scouter.tracing.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS client contexts that trust a configured set of certificates instead of the JVM's default trust store, and a
 * one-line description of TLS failures. Passwords never appear in a message. Not a public API.
 */
public final class Tls {
  private Tls() {}

  /**
   * A client context trusting exactly the certificates in a key store file.
   *
   * @param type the key store type ({@code PKCS12}, {@code JKS}, ...); {@code null} for the JVM's default
   * @throws IllegalArgumentException naming the file (never the password) if it cannot be read
   */
  public static SSLContext trustStoreContext(Path trustStore, String password, String type) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, trustManagers(trustStore, password, type), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot use the trust store '" + trustStore + "': " + oneLine(e), e);
    }
  }

  /**
   * Trust managers trusting exactly the certificates in a key store file (for clients that take trust managers, such
   * as gRPC's {@code TlsChannelCredentials}).
   *
   * @param type the key store type ({@code PKCS12}, {@code JKS}, ...); {@code null} for the JVM's default
   * @throws IllegalArgumentException naming the file (never the password) if it cannot be read
   */
  public static javax.net.ssl.TrustManager[] trustManagers(Path trustStore, String password, String type) {
    String t = type == null || type.isBlank() ? KeyStore.getDefaultType() : type.trim();
    try (InputStream in = Files.newInputStream(trustStore)) {
      KeyStore ks = KeyStore.getInstance(t);
      ks.load(in, password == null ? null : password.toCharArray());
      if (ks.size() == 0) {
        throw new IllegalArgumentException("Trust store '" + trustStore + "' (" + t + ") holds no certificate");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return tmf.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot load the trust store '" + trustStore + "' (" + t + "): "
          + oneLine(e), e);
    }
  }

  /**
   * Reads a PEM file of one or more X.509 certificates.
   *
   * @throws IllegalArgumentException naming the file if it cannot be read or holds no certificate
   */
  public static byte[] readPem(Path pem) {
    try {
      byte[] bytes = Files.readAllBytes(pem);
      certificates(bytes);
      return bytes;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot read the trusted certificates '" + pem + "' (PEM): " + oneLine(e), e);
    }
  }

  /** A client context trusting exactly the certificates of a PEM file's content. */
  public static SSLContext pemContext(byte[] pem) {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : certificates(pem)) {
        ks.setCertificateEntry("trusted-" + i++, c);
      }
      return context(ks);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot use the trusted certificates: " + oneLine(e), e);
    }
  }

  private static Collection<? extends Certificate> certificates(byte[] pem) throws GeneralSecurityException {
    Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem));
    if (certs.isEmpty()) {
      throw new GeneralSecurityException("no certificate found");
    }
    return certs;
  }

  private static SSLContext context(KeyStore trusted) throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /**
   * The one warning a transport logs when the server's certificate fails the handshake: which server, why, and which
   * setting fixes it (e.g. {@code scouter.http.truststore} / {@code HttpConfig.trustStore}).
   */
  public static String handshakeWarning(Object uri, String reason, String configKey, String builderMethod) {
    return "Scouter server at " + uri + " failed the TLS handshake (" + reason + "): its certificate is not trusted "
        + "or does not match the host; configure " + configKey + " (" + builderMethod + "). The message (spans or "
        + "queue records) is kept and retried, never sent without TLS";
  }

  /** The TLS failure in {@code e}'s cause chain, or {@code null}. */
  public static SSLException tlsFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SSLException) {
        return (SSLException) t;
      }
    }
    return null;
  }

  /** The exception's type and message (and its root cause's), on one line, at most 300 characters. */
  public static String oneLine(Throwable e) {
    Throwable root = e;
    for (int i = 0; root.getCause() != null && root.getCause() != root && i < 10; i++) {
      root = root.getCause();
    }
    String text = describe(e) + (root == e ? "" : "; caused by " + describe(root));
    text = text.replaceAll("\\p{Cntrl}", " ");
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
