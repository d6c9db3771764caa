package io.scouter.it.support;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks, without running anything, that the classes of the Scouter jars link against a runtime's copy of
 * OpenTelemetry (in runtime SDK mode they run on it, not on the 1.62 they were compiled against): every class, method
 * and field of {@code io.opentelemetry} that a Scouter class file references must exist in the runtime's jar, found
 * as the JVM would resolve it (the owner, then its superclasses and superinterfaces; JDK types through reflection).
 * Class files are read directly (constant pool, declared members), so the runtime's jar is never loaded.
 *
 * <pre>{@code
 * OpenTelemetryLinkage runtime = OpenTelemetryLinkage.of(runtimeJar, pkg -> true);
 * List<String> missing = runtime.missing(OpenTelemetryLinkage.scouterClasses(war), allowed);
 * }</pre>
 */
public final class OpenTelemetryLinkage {
  /** One declared class of the runtime's jar. */
  private record Type(String superName, List<String> interfaces, Set<String> members) {}

  /** A reference from a Scouter class: {@code owner.name:desc}, {@code desc} empty for a class reference. */
  public record Ref(String from, String owner, String name, String desc, boolean field) {
    @Override
    public String toString() {
      return owner + (name.isEmpty() ? "" : "." + name + (field ? ":" : "") + desc) + " (from " + from + ")";
    }
  }

  private final Map<String, Type> types;
  private final Predicate<String> visiblePackage;

  private OpenTelemetryLinkage(Map<String, Type> types, Predicate<String> visiblePackage) {
    this.types = types;
    this.visiblePackage = visiblePackage;
  }

  /**
   * The OpenTelemetry classes of {@code runtimeJar} (its {@code io/opentelemetry} class files), of which only those
   * in packages {@code visiblePackage} accepts (dotted names) count as visible to an application.
   */
  public static OpenTelemetryLinkage of(Path runtimeJar, Predicate<String> visiblePackage) throws IOException {
    Map<String, Type> types = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(runtimeJar))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null;) {
        if (e.getName().startsWith("io/opentelemetry/") && e.getName().endsWith(".class")) {
          ClassFile cf = ClassFile.read(in.readAllBytes());
          types.put(cf.name, new Type(cf.superName, cf.interfaces, cf.members));
        }
      }
    }
    return new OpenTelemetryLinkage(types, visiblePackage);
  }

  /** How many OpenTelemetry classes the runtime's jar declares. */
  public int size() {
    return types.size();
  }

  /** The class files of the Scouter jars in a WAR's {@code WEB-INF/lib} (path → bytes). */
  public static Map<String, byte[]> scouterClasses(Path war) throws IOException {
    Map<String, byte[]> classes = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null;) {
        if (e.getName().matches("WEB-INF/lib/scouter-[^/]*\\.jar")) {
          readJar(new ZipInputStream(new ByteArrayInputStream(in.readAllBytes())), classes);
        }
      }
    }
    return classes;
  }

  private static void readJar(ZipInputStream jar, Map<String, byte[]> into) throws IOException {
    for (ZipEntry e; (e = jar.getNextEntry()) != null;) {
      if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
        into.put(e.getName(), jar.readAllBytes());
      }
    }
  }

  /** Every OpenTelemetry reference of {@code classes} (see {@link #scouterClasses}). */
  public static List<Ref> references(Map<String, byte[]> classes) throws IOException {
    List<Ref> refs = new ArrayList<>();
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      ClassFile cf = ClassFile.read(c.getValue());
      for (Ref r : cf.refs) {
        if (r.owner().startsWith("io/opentelemetry/")) {
          refs.add(new Ref(cf.name, r.owner(), r.name(), r.desc(), r.field()));
        }
      }
    }
    return refs;
  }

  /**
   * The references of {@code classes} that would not link against this runtime, as sorted text, leaving out those
   * {@code allowed} accepts (e.g. code only run with our own SDK).
   */
  public Set<String> missing(Map<String, byte[]> classes, Predicate<Ref> allowed) throws IOException {
    Set<String> missing = new TreeSet<>();
    for (Ref r : references(classes)) {
      if (allowed.test(r)) {
        continue;
      }
      String problem = resolve(r);
      if (problem != null) {
        missing.add(r + ": " + problem);
      }
    }
    return missing;
  }

  private String resolve(Ref r) {
    if (!types.containsKey(r.owner())) {
      return "class missing";
    }
    String pkg = r.owner().substring(0, r.owner().lastIndexOf('/')).replace('/', '.');
    if (!visiblePackage.test(pkg)) {
      return "package " + pkg + " not visible to applications";
    }
    if (r.name().isEmpty()) {
      return null;
    }
    Deque<String> todo = new ArrayDeque<>(List.of(r.owner()));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String t = todo.poll();
      if (t == null || !seen.add(t)) {
        continue;
      }
      Type type = types.get(t);
      if (type == null) {
        if (jdkHas(t, r)) {
          return null;
        }
        continue;
      }
      if (type.members().contains(r.name() + ":" + r.desc())) {
        return null;
      }
      todo.add(type.superName());
      todo.addAll(type.interfaces());
    }
    return (r.field() ? "field" : "method") + " missing";
  }

  /** Whether JDK class {@code internalName} (or its supertypes) declares the member. */
  private static boolean jdkHas(String internalName, Ref r) {
    Class<?> c;
    try {
      c = Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
    } catch (ClassNotFoundException e) {
      return false;
    }
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(c));
    while (!todo.isEmpty()) {
      Class<?> k = todo.poll();
      if (r.field()) {
        for (Field f : k.getDeclaredFields()) {
          if (f.getName().equals(r.name()) && descriptor(f.getType()).equals(r.desc())) {
            return true;
          }
        }
      } else if (r.name().equals("<init>")) {
        for (Constructor<?> m : k.getDeclaredConstructors()) {
          if (descriptor(m.getParameterTypes(), void.class).equals(r.desc())) {
            return true;
          }
        }
        return false;
      } else {
        for (Method m : k.getDeclaredMethods()) {
          if (m.getName().equals(r.name()) && descriptor(m.getParameterTypes(), m.getReturnType()).equals(r.desc())) {
            return true;
          }
        }
      }
      if (k.getSuperclass() != null) {
        todo.add(k.getSuperclass());
      }
      todo.addAll(List.of(k.getInterfaces()));
    }
    return false;
  }

  private static String descriptor(Class<?>[] params, Class<?> ret) {
    StringBuilder b = new StringBuilder("(");
    for (Class<?> p : params) {
      b.append(descriptor(p));
    }
    return b.append(')').append(descriptor(ret)).toString();
  }

  private static String descriptor(Class<?> c) {
    if (c.isArray()) {
      return "[" + descriptor(c.getComponentType());
    }
    if (c.isPrimitive()) {
      return switch (c.getName()) {
        case "int" -> "I";
        case "long" -> "J";
        case "boolean" -> "Z";
        case "double" -> "D";
        case "float" -> "F";
        case "byte" -> "B";
        case "char" -> "C";
        case "short" -> "S";
        default -> "V";
      };
    }
    return "L" + c.getName().replace('.', '/') + ";";
  }

  /** The parts of a class file this check needs. */
  private static final class ClassFile {
    String name;
    String superName;
    final List<String> interfaces = new ArrayList<>();
    final Set<String> members = new LinkedHashSet<>();
    final List<Ref> refs = new ArrayList<>();

    static ClassFile read(byte[] bytes) throws IOException {
      return read(new ByteArrayInputStream(bytes));
    }

    static ClassFile read(InputStream raw) throws IOException {
      DataInputStream in = new DataInputStream(raw);
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException("not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      Object[] pool = new Object[count];
      int[][] links = new int[count][];
      int[] tags = new int[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        tags[i] = tag;
        switch (tag) {
          case 1 -> pool[i] = in.readUTF();
          case 3, 4 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++;
          }
          case 7, 8, 16, 19, 20 -> links[i] = new int[] {in.readUnsignedShort()};
          case 9, 10, 11, 12, 17, 18 -> links[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
          case 15 -> links[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()};
          default -> throw new IOException("constant pool tag " + tag);
        }
      }
      ClassFile cf = new ClassFile();
      in.readUnsignedShort();
      cf.name = className(pool, links, in.readUnsignedShort());
      int superIndex = in.readUnsignedShort();
      cf.superName = superIndex == 0 ? null : className(pool, links, superIndex);
      for (int n = in.readUnsignedShort(); n > 0; n--) {
        cf.interfaces.add(className(pool, links, in.readUnsignedShort()));
      }
      for (int kind = 0; kind < 2; kind++) { // fields, then methods
        for (int n = in.readUnsignedShort(); n > 0; n--) {
          in.readUnsignedShort();
          String member = pool[in.readUnsignedShort()] + ":" + pool[in.readUnsignedShort()];
          cf.members.add(member);
          for (int a = in.readUnsignedShort(); a > 0; a--) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
          }
        }
      }
      for (int i = 1; i < count; i++) {
        if (tags[i] == 7) {
          String c = (String) pool[links[i][0]];
          String element = c.replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
          cf.refs.add(new Ref(cf.name, element, "", "", false));
        } else if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
          int[] nameAndType = links[links[i][1]];
          cf.refs.add(new Ref(cf.name, className(pool, links, links[i][0]), (String) pool[nameAndType[0]],
              (String) pool[nameAndType[1]], tags[i] == 9));
        }
      }
      return cf;
    }

    private static String className(Object[] pool, int[][] links, int classIndex) {
      String c = (String) pool[links[classIndex][0]];
      return c.startsWith("[") ? c.replaceFirst("^\\[+L?", "").replaceFirst(";$", "") : c;
    }
  }
}
