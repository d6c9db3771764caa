package io.scouter.quarkus.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/** The Scouter dev server Dev Services started: its base URL (ingestion, JSON API and trace page). */
public final class ScouterDevServerBuildItem extends SimpleBuildItem {
  private final String url;

  public ScouterDevServerBuildItem(String url) {
    this.url = url;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return url;
  }
}
