package io.scouter.tracing.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The argument graphs of issue 9 that {@code CaptureSerializerTest} does not build by hand (an {@code Optional} of
 * itself, records with null components, lazy-loading proxies whose session is gone), and 2,000 generated graphs that
 * mix every kind of bad input: capture never throws, always gives valid JSON, and stays bounded in time and size.
 */
class CaptureBadInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX = 200;

  record Order(String id, List<String> items, Customer customer, Optional<String> note) {}

  record Customer(String name, Integer age) {}

  /** A bean whose property is an {@code Optional} of itself. */
  public static final class SelfOptional {
    public String getName() {
      return "me";
    }

    public Optional<SelfOptional> getSelf() {
      return Optional.of(this);
    }
  }

  /** What an ORM entity interface looks like. */
  public interface Account {
    Long getId();

    String getOwner();
  }

  /** Hibernate's message when an uninitialised proxy is read after its session closed. */
  static final class LazyInitializationException extends RuntimeException {
    LazyInitializationException() {
      super("could not initialize proxy [Account#7] - no Session");
    }
  }

  /** A JDK dynamic proxy as ORMs make for interfaces: the id is known, anything else needs the (closed) session. */
  static Account uninitialisedProxy(AtomicInteger loads) {
    return (Account) Proxy.newProxyInstance(Account.class.getClassLoader(), new Class<?>[] {Account.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getId" -> 7L;
          case "hashCode" -> 7;
          case "equals" -> proxy == args[0];
          case "toString" -> "Account#7 (proxy)";
          default -> {
            loads.incrementAndGet();
            throw new LazyInitializationException();
          }
        });
  }

  /** An entity class as ORMs subclass it, with the proxy's own bean-like accessor of its lazy initializer. */
  public static class Invoice {
    public String getNumber() {
      return "INV-1";
    }
  }

  /** A subclass proxy in Hibernate's style: reading anything, including the initializer's session, fails. */
  public static final class Invoice$HibernateProxy extends Invoice {
    @Override
    public String getNumber() {
      throw new LazyInitializationException();
    }

    public Object getHibernateLazyInitializer() {
      return new Object() {
        @SuppressWarnings("UnusedMethod") // read by Jackson
        public Object getSession() {
          throw new LazyInitializationException();
        }
      };
    }
  }

  private static JsonNode parse(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void anOptionalOfItself_becomesItsTypeName_andSiblingsSurvive() throws Exception {
    assertThat(CaptureSerializer.toJson(new SelfOptional(), MAX)).isEqualTo("\"SelfOptional\"");
    List<Object> box = new ArrayList<>();
    Optional<Object> self = Optional.of(box);
    box.add(self);
    assertThat(parse(CaptureSerializer.toJson(self, MAX)).asText()).isEqualTo("Optional");
    JsonNode args = parse(CaptureSerializer.argumentsToJson(new String[] {"a", "b"},
        new Object[] {new SelfOptional(), Optional.of(Optional.of("deep"))}, MAX));
    assertThat(args.get("a").asText()).isEqualTo("SelfOptional");
    assertThat(args.get("b").asText()).isEqualTo("deep");
  }

  @Test
  void recordsWithNullComponents_areObjectsWithNulls() throws Exception {
    assertThat(CaptureSerializer.toJson(new Order(null, null, null, null), MAX))
        .isEqualTo("{\"customer\":null,\"id\":null,\"items\":null,\"note\":null}");
    JsonNode partial = parse(CaptureSerializer.toJson(new Order("o-1", List.of(), new Customer(null, null),
        Optional.empty()), MAX));
    assertThat(partial.get("customer").toString()).isEqualTo("{\"age\":null,\"name\":null}");
    assertThat(partial.get("note").isNull()).isTrue();
  }

  @Test
  void anUninitialisedLazyProxy_becomesItsTypeName_andTheCallersOtherArgumentsSurvive() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    Account proxy = uninitialisedProxy(loads);
    String alone = CaptureSerializer.toJson(proxy, MAX);
    assertThat(parse(alone).asText()).startsWith("$Proxy");
    JsonNode args = parse(CaptureSerializer.argumentsToJson(new String[] {"account", "amount"},
        new Object[] {proxy, 12}, MAX));
    assertThat(args.get("account").asText()).startsWith("$Proxy");
    assertThat(args.get("amount").asInt()).isEqualTo(12);
    assertThat(CaptureSerializer.toJson(new Invoice$HibernateProxy(), MAX)).isEqualTo("\"Invoice$HibernateProxy\"");
    // inside a map, the failing read makes the whole argument its type name (never a half-written object)
    assertThat(parse(CaptureSerializer.toJson(Map.of("invoice", new Invoice$HibernateProxy(), "n", 1), MAX))
        .isTextual()).isTrue();
    assertThat(loads.get()).as("the proxy's lazy getter was tried, and its failure contained").isPositive();
  }

  @Test
  void twoThousandGeneratedGraphs_neverThrow_alwaysGiveValidJson_boundedInTimeAndSize() {
    Random random = new Random(20_09);
    long start = System.nanoTime();
    long longest = 0;
    int bytes = 0;
    for (int i = 0; i < 2_000; i++) {
      Object graph = generate(random, 0);
      Object other = generate(random, 0);
      String[] json = new String[2];
      assertThatCode(() -> {
        json[0] = CaptureSerializer.toJson(graph, MAX);
        json[1] = CaptureSerializer.argumentsToJson(new String[] {"x", "y"}, new Object[] {graph, other}, MAX);
      }).as("graph %d", i).doesNotThrowAnyException();
      for (String j : json) {
        assertThatCode(() -> parse(j)).as("graph %d gives valid JSON: %s", i, j).doesNotThrowAnyException();
        assertThat(j.length()).as("graph %d output size", i).isLessThan(1_000_000);
        longest = Math.max(longest, j.length());
        bytes += j.length();
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("FIGURE capture: 2,000 generated graphs (x2 calls) in %d ms, longest output %,d chars, "
        + "%,d chars in all%n", ms, longest, bytes);
  }

  /** A random value drawn from every kind of input capture has to survive, nested a few levels. */
  private static Object generate(Random r, int depth) {
    int kind = depth > 4 ? r.nextInt(8) : r.nextInt(20);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return r.nextInt();
      case 2:
        return "s".repeat(r.nextInt(3) == 0 ? 50_000 : 5) + "\u00e9\ud83d\ude00\r\n\"";
      case 3:
        return r.nextDouble() < 0.2 ? Double.NaN : r.nextDouble();
      case 4:
        return new ByteArrayInputStream(new byte[] {1, 2});
      case 5:
        return uninitialisedProxy(new AtomicInteger());
      case 6:
        return new Order(r.nextBoolean() ? null : "o", null, r.nextBoolean() ? null : new Customer(null, 3),
            null);
      case 7:
        return new SelfOptional();
      case 8: {
        List<Object> l = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          l.add(generate(r, depth + 1));
        }
        if (r.nextInt(6) == 0) {
          l.add(l); // a cycle
        }
        return l;
      }
      case 9: {
        Map<Object, Object> m = new HashMap<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          m.put(r.nextBoolean() ? "k" + i : i, generate(r, depth + 1));
        }
        if (r.nextInt(6) == 0) {
          m.put("self", m);
        }
        return m;
      }
      case 10:
        return Optional.ofNullable(generate(r, depth + 1));
      case 11: {
        Object deep = "leaf";
        for (int i = 0; i < 10_000; i++) {
          deep = List.of(deep);
        }
        return deep;
      }
      case 12:
        return new Invoice$HibernateProxy();
      case 13:
        return new CompletableFuture<>();
      case 14:
        return new CaptureSerializerTest.ThrowingGetter();
      case 15:
        return new Object[] {generate(r, depth + 1), new int[] {1, 2}, new byte[] {3}};
      case 16:
        return new Order("o", List.of("a", "b"), new Customer("c", null), Optional.of("n"));
      case 17:
        return new CaptureSerializerTest.SelfRef();
      case 18:
        return (Runnable) () -> {};
      default:
        return Arrays.asList(generate(r, depth + 1), generate(r, depth + 1)).iterator();
    }
  }
}
