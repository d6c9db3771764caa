/**
 * Trace ids in {@code java.util.logging} output, which has no MDC: {@link io.scouter.tracing.logging.TraceIdFormatter}
 * for {@code logging.properties} set-ups, {@link io.scouter.tracing.logging.TraceIdStamper} for servers whose own
 * handlers and formatters write the log. SLF4J, JBoss LogManager and Log4j 2 get the ids in their MDC without
 * set-up (see {@code TracerConfig.Builder#logCorrelation}).
 */
package io.scouter.tracing.logging;
