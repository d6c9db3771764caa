package io.scouter.queue;

import java.util.Collection;
import java.util.List;

/**
 * No queue has that alias. The message lists the aliases there are, as upstream's {@code MissingQueueError}.
 *
 * <pre>{@code
 * queue.get("genia");   // MissingQueueException: No Scouter queue with alias 'genia'; known aliases: [genai, credit]
 * }</pre>
 */
public class MissingQueueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String alias;
  private final List<String> knownAliases;

  public MissingQueueException(String alias, Collection<String> knownAliases) {
    super("No Scouter queue with alias '" + alias + "'; known aliases: " + knownAliases
        + (knownAliases.isEmpty() ? " (configure one with scouter.queue.<alias>.profile)" : ""));
    this.alias = alias;
    this.knownAliases = List.copyOf(knownAliases);
  }

  /** The alias asked for. */
  public String alias() {
    return alias;
  }

  /** The aliases the queue has. */
  public List<String> knownAliases() {
    return knownAliases;
  }
}
