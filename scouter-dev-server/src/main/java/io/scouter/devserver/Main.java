package io.scouter.devserver;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The dev server as a command: HTTP ingestion, the JSON API and the trace page on {@code --port} (default 8000, where
 * {@code scouter.http.uri} points by default), gRPC ingestion on {@code --grpc-port} (default 50051, the default of
 * {@code scouter.grpc.uri}), both bound to {@code --host} (default {@code 127.0.0.1}: nothing outside this machine
 * can reach it unless asked). It prints the URLs and runs until stopped (Ctrl-C).
 *
 * <pre>{@code
 * java -jar scouter-dev-server/target/scouter-dev-server.jar --port 8000 --grpc-port 50051
 * }</pre>
 *
 * <p>Options: {@code --host H}, {@code --port N}, {@code --grpc-port N} (0 picks a free port, printed), {@code
 * --no-grpc}, {@code --user NAME:PASSWORD} (repeatable; replaces the default users {@code admin}/{@code admin} and
 * {@code guest}/{@code guest}, the HTTP and gRPC transports' defaults), {@code --help}. A bad option or a port in use
 * fails at start with a message naming it (exit status 2, respectively 1).
 */
public final class Main {
  /** Exit status for a bad command line. */
  static final int USAGE = 2;

  private static final String HELP = String.join(System.lineSeparator(),
      "Usage: java -jar scouter-dev-server.jar [options]",
      "  --host H               listen address (default 127.0.0.1; 0.0.0.0 for every interface)",
      "  --port N               HTTP ingestion, JSON API and trace page (default 8000; 0 = a free port)",
      "  --grpc-port N          gRPC ingestion (default 50051; 0 = a free port)",
      "  --no-grpc              no gRPC front end",
      "  --user NAME:PASSWORD   a user (repeatable; default admin:admin and guest:guest)",
      "  --help                 this text");

  private Main() {}

  /** Starts the dev server and blocks until the JVM is stopped. */
  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("scouter-dev-server: " + e.getMessage());
      System.err.println(HELP);
      System.exit(USAGE);
      return;
    }
    if (options.help) {
      System.out.println(HELP);
      return;
    }
    ScouterDevServer http;
    ScouterDevGrpcServer grpc = null;
    try {
      http = ScouterDevServer.builder().host(options.host).port(options.port).users(options.users).build();
    } catch (IllegalStateException e) {
      System.err.println("scouter-dev-server: --port " + options.port + " on " + options.host + ": " + rootMessage(e));
      System.exit(1);
      return;
    }
    if (options.grpcPort >= 0) {
      try {
        grpc = ScouterDevGrpcServer.start(http, options.host, options.grpcPort);
      } catch (IllegalStateException e) {
        http.close();
        System.err.println("scouter-dev-server: --grpc-port " + options.grpcPort + " on " + options.host + ": "
            + rootMessage(e));
        System.exit(1);
        return;
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    ScouterDevGrpcServer grpcServer = grpc;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (grpcServer != null) {
        grpcServer.close();
      }
      http.close();
      stopped.countDown();
    }, "scouter-dev-server-stop"));
    printBanner(System.out, http.httpUri(), grpc == null ? null : grpc.uri(), options.users.keySet());
    stopped.await();
  }

  private static void printBanner(PrintStream out, URI http, URI grpc, Iterable<String> users) {
    out.println("Scouter dev server running (Ctrl-C stops it)");
    out.println("  trace page:   " + http + "/");
    out.println("  HTTP ingest:  scouter.http.uri=" + http);
    if (grpc != null) {
      out.println("  gRPC ingest:  scouter.grpc.uri=" + grpc);
    }
    out.println("  JSON API:     " + http + "/scouter/dev/traces");
    out.println("  users:        " + String.join(", ", users));
    out.flush();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** The parsed command line. */
  static final class Options {
    String host = "127.0.0.1";
    int port = 8000;
    int grpcPort = 50051;
    boolean help;
    final Map<String, String> users = new LinkedHashMap<>();

    static Options parse(String[] args) {
      Options o = new Options();
      List<String> rest = new ArrayList<>(List.of(args));
      boolean noGrpc = false;
      while (!rest.isEmpty()) {
        String arg = rest.remove(0);
        String value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          value = arg.substring(eq + 1);
          arg = arg.substring(0, eq);
        }
        switch (arg) {
          case "--help":
          case "-h":
            o.help = true;
            break;
          case "--no-grpc":
            noGrpc = true;
            break;
          case "--host":
            o.host = value(arg, value, rest);
            if (o.host.isBlank()) {
              throw new IllegalArgumentException("--host: empty");
            }
            break;
          case "--port":
            o.port = port(arg, value(arg, value, rest));
            break;
          case "--grpc-port":
            o.grpcPort = port(arg, value(arg, value, rest));
            break;
          case "--user":
            String user = value(arg, value, rest);
            int colon = user.indexOf(':');
            if (colon <= 0 || colon == user.length() - 1) {
              throw new IllegalArgumentException("--user: expected NAME:PASSWORD");
            }
            o.users.put(user.substring(0, colon), user.substring(colon + 1));
            break;
          default:
            throw new IllegalArgumentException("unknown option '" + arg + "'");
        }
      }
      if (o.users.isEmpty()) {
        o.users.put("admin", "admin");
        o.users.put("guest", "guest");
      }
      if (noGrpc) {
        o.grpcPort = -1;
      }
      return o;
    }

    private static String value(String option, String inline, List<String> rest) {
      if (inline != null) {
        return inline;
      }
      if (rest.isEmpty() || rest.get(0).startsWith("--")) {
        throw new IllegalArgumentException(option + ": missing value");
      }
      return rest.remove(0);
    }

    private static int port(String option, String value) {
      int port;
      try {
        port = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + ": invalid value '" + value + "' (a port 0-65535)");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(option + ": invalid value '" + value + "' (a port 0-65535)");
      }
      return port;
    }
  }
}
