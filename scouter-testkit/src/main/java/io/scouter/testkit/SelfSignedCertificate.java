package io.scouter.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A fresh self-signed certificate for {@code localhost} and {@code 127.0.0.1} (EC P-256, valid 7 days), made with the
 * JDK's {@code keytool}, for tests of TLS: a PKCS12 key store for the server, a PKCS12 trust store and a PEM file for
 * the client.
 *
 * <pre>{@code
 * SelfSignedCertificate cert = SelfSignedCertificate.generate(tempDir);
 * ScouterDevServer server = ScouterDevServer.builder().tls(cert.serverContext()).build();   // https://127.0.0.1:port
 * HttpConfig.builder().uri(server.httpUri().toString()).trustStore(cert.trustStore(), cert.password(), "PKCS12")
 * }</pre>
 */
public final class SelfSignedCertificate {
  private static final String ALIAS = "scouter-test";

  private final Path keyStore;
  private final Path trustStore;
  private final Path certificatePem;
  private final String password;
  private final X509Certificate certificate;

  private SelfSignedCertificate(Path keyStore, Path trustStore, Path certificatePem, String password,
      X509Certificate certificate) {
    this.keyStore = keyStore;
    this.trustStore = trustStore;
    this.certificatePem = certificatePem;
    this.password = password;
    this.certificate = certificate;
  }

  /**
   * Generates a key pair and its certificate into new files in {@code dir}.
   *
   * @throws IllegalStateException if {@code keytool} fails
   */
  public static SelfSignedCertificate generate(Path dir) {
    String name = "cert-" + UUID.randomUUID();
    String password = UUID.randomUUID().toString();
    Path keyStore = dir.resolve(name + "-keystore.p12");
    Path trustStore = dir.resolve(name + "-truststore.p12");
    Path pem = dir.resolve(name + ".pem");
    String keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
    run(List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "7",
        "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password));
    try {
      KeyStore keys = load(keyStore, password);
      X509Certificate cert = (X509Certificate) keys.getCertificate(ALIAS);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(ALIAS, cert);
      try (OutputStream out = Files.newOutputStream(trustStore)) {
        trust.store(out, password.toCharArray());
      }
      String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(cert.getEncoded());
      Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
      return new SelfSignedCertificate(keyStore, trustStore, pem, password, cert);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot write the test certificate: " + e, e);
    }
  }

  private static void run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("keytool failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run keytool: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }

  private static KeyStore load(Path path, String password) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      ks.load(in, password.toCharArray());
    }
    return ks;
  }

  /** PKCS12 with the private key and the certificate (for a server). */
  public Path keyStore() {
    return keyStore;
  }

  /** PKCS12 with only the certificate (for a client that should trust the server). */
  public Path trustStore() {
    return trustStore;
  }

  /** The certificate in PEM (for a client that takes trusted certificates as PEM, like OTLP exporters). */
  public Path certificatePem() {
    return certificatePem;
  }

  /** The password of both stores. */
  public String password() {
    return password;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** Key managers presenting this certificate (for servers configured with key managers, such as gRPC's). */
  public javax.net.ssl.KeyManager[] keyManagers() {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(keyStore, password), password.toCharArray());
      return kmf.getKeyManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the server key managers: " + e, e);
    }
  }

  /** A TLS server context presenting this certificate. */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(keyStore, password), password.toCharArray());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the server TLS context: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "SelfSignedCertificate{" + certificate.getSubjectX500Principal() + ", keyStore=" + keyStore + "}";
  }
}
