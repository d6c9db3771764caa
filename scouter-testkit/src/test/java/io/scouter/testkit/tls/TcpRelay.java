package io.scouter.testkit.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * A loopback TCP relay to a local port, in one of two modes: {@link #plain} passes the bytes through unchanged and
 * records the first byte of every connection (so a test can tell a TLS handshake, {@code 0x16}, from plain HTTP);
 * {@link #terminatingTls} accepts TLS with a given certificate and passes the decrypted bytes on (so a plain-text
 * receiver can stand behind {@code https}).
 */
final class TcpRelay implements AutoCloseable {
  /** The first byte of a TLS record carrying a handshake message (the client hello). */
  static final int TLS_HANDSHAKE = 0x16;

  private final ServerSocket server;
  private final int target;
  private final List<Integer> firstBytes = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final boolean recordFirstByte;

  private TcpRelay(ServerSocket server, int target, boolean recordFirstByte) {
    this.server = server;
    this.target = target;
    this.recordFirstByte = recordFirstByte;
    Thread acceptor = new Thread(this::accept, "tcp-relay-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Passes bytes through to {@code targetPort} and records each connection's first byte. */
  static TcpRelay plain(int targetPort) throws IOException {
    return new TcpRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort, true);
  }

  /**
   * Accepts TLS with {@code serverContext}, offering only the ALPN protocol {@code alpn} ({@code http/1.1} or
   * {@code h2}), and passes the plain text to {@code targetPort}.
   */
  static TcpRelay terminatingTls(int targetPort, SSLContext serverContext, String alpn) throws IOException {
    SSLServerSocket s = (SSLServerSocket) serverContext.getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    SSLParameters p = s.getSSLParameters();
    p.setApplicationProtocols(new String[] {alpn});
    s.setSSLParameters(p);
    return new TcpRelay(s, targetPort, false);
  }

  int port() {
    return server.getLocalPort();
  }

  /** The first byte each accepted connection sent ({@link #plain} mode). */
  List<Integer> firstBytes() {
    return new ArrayList<>(firstBytes);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket in = server.accept();
        sockets.add(in);
        Thread t = new Thread(() -> relay(in), "tcp-relay-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void relay(Socket in) {
    try {
      InputStream from = in.getInputStream();
      int first = from.read(); // for TLS this completes the handshake first
      if (first < 0) {
        in.close();
        return;
      }
      if (recordFirstByte) {
        firstBytes.add(first);
      }
      Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
      sockets.add(out);
      out.getOutputStream().write(first);
      pump(out.getInputStream(), in.getOutputStream(), in, out);
      pump(from, out.getOutputStream(), out, in);
    } catch (IOException e) {
      closeQuietly(in); // e.g. a failed handshake: the client sees the connection end
    }
  }

  private static void pump(InputStream from, OutputStream to, Socket a, Socket b) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try {
        for (int n; (n = from.read(buf)) >= 0;) {
          to.write(buf, 0, n);
          to.flush();
        }
      } catch (IOException ignored) {
        // one side closed
      } finally {
        closeQuietly(a);
        closeQuietly(b);
      }
    }, "tcp-relay-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(TcpRelay::closeQuietly);
  }
}
