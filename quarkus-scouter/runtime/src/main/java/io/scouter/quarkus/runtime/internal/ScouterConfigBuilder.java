package io.scouter.quarkus.runtime.internal;

import io.quarkus.runtime.configuration.ConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Keeps an unknown {@code scouter.*} key from failing startup (SmallRye Config rejects keys under a mapping's prefix
 * that the mapping does not declare): the library never failed on them, so the extension only warns about them at
 * build time. Not a public API.
 */
public class ScouterConfigBuilder implements ConfigBuilder {
  @Override
  public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
    return builder.withMappingIgnore("scouter.**");
  }
}
