package io.scouter.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample profile files in {@code src/test/resources/profiles}. */
public final class Profiles {
  private Profiles() {}

  public static Path path(String name) {
    try {
      return Path.of(Profiles.class.getResource("/profiles/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of a sample profile with one text replaced, in a temporary file. */
  public static Path variant(String name, String from, String to) {
    try {
      String json = Files.readString(path(name));
      if (!json.contains(from)) {
        throw new IllegalArgumentException(from + " not in " + name);
      }
      Path p = Files.createTempFile("scouter-profile-", ".json");
      p.toFile().deleteOnExit();
      return Files.writeString(p, json.replace(from, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static final String GENAI_UID = "0195c1b2-7a3e-7c41-9a2b-3f5e6d7c8b90";
  public static final String AGENT_UID = "0195c1b2-7a3e-7c41-9a2b-3f5e6d7c8b91";
  public static final String SPC_UID = "0195c1b2-7a3e-7c41-9a2b-3f5e6d7c8b92";
  public static final String PSI_UID = "0195c1b2-7a3e-7c41-9a2b-3f5e6d7c8b93";
  public static final String CUSTOM_UID = "0195c1b2-7a3e-7c41-9a2b-3f5e6d7c8b94";
}
