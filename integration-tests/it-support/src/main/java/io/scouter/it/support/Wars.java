package io.scouter.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * WAR profiles made from the one sample WAR at test time, so that a runtime variant that needs other deployment
 * descriptors (e.g. Payara's {@code WEB-INF/glassfish-web.xml} class-loader delegation) needs no second Maven module.
 */
public final class Wars {
  private Wars() {}

  /**
   * Copies {@code war} to {@code target}, adding or replacing the given entries (path in the archive → text content).
   * @return {@code target}
   */
  public static Path withEntries(Path war, Path target, Map<String, String> entries) throws IOException {
    return transform(war, target, name -> false, entries);
  }

  /**
   * Copies {@code war} to {@code target} without the entries {@code drop} accepts (e.g. jars of {@code WEB-INF/lib},
   * as the war plugin's {@code packagingExcludes} would leave them out), adding or replacing {@code entries} (path in
   * the archive → text content).
   * @return {@code target}
   */
  public static Path transform(Path war, Path target, Predicate<String> drop, Map<String, String> entries)
      throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
        OutputStream file = Files.newOutputStream(target);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null;) {
        if (entries.containsKey(e.getName()) || drop.test(e.getName())) {
          continue;
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        in.transferTo(out);
        out.closeEntry();
      }
      for (Map.Entry<String, String> add : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(add.getKey()));
        out.write(add.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return target;
  }

  /** The names of an archive's entries. */
  public static java.util.List<String> names(Path war) throws IOException {
    java.util.List<String> names = new java.util.ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null;) {
        names.add(e.getName());
      }
    }
    return names;
  }

  /** Reads one entry of an archive as text, or {@code null}. */
  public static String entry(Path war, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null;) {
        if (e.getName().equals(name)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }
}
