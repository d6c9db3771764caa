package io.scouter.apibaseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API baseline check fails on every kind of API change and on a signature that breaks the API rule. */
class ApiBaselineCheckTest {
  private static final Path CLASSES = Path.of("target/classes");

  @TempDir
  Path dir;

  @Test
  void theCoresSignaturesCoverTypesMembersAndSupertypes_butNoInternalPackage() {
    List<String> lines = ApiBaseline.signatures(CLASSES, getClass().getClassLoader());
    assertThat(lines).contains(
        "public final class io.scouter.tracing.ScouterTracer",
        "  public void setScouterQueue(io.scouter.queue.ScouterQueue)",
        "public abstract interface io.scouter.tracing.spi.MessageTransport extends java.lang.AutoCloseable",
        "  public static final java.lang.String START_TIME");
    assertThat(lines).noneMatch(l -> l.contains(".internal."));
    assertThat(lines).noneMatch(l -> l.contains("stampTraceIdIfAbsent") || l.contains("snapshot()"));
  }

  @Test
  void anUnchangedApiPasses_andTheWrittenFileReadsBack() throws IOException {
    Path baseline = dir.resolve("scouter-tracing.txt");
    ApiBaseline.check("scouter-tracing", CLASSES, baseline, true);
    assertThat(Files.readString(baseline)).startsWith("# The public API of scouter-tracing");
    assertThatCode(() -> ApiBaseline.check("scouter-tracing", CLASSES, baseline, false)).doesNotThrowAnyException();
  }

  @Test
  void aRemovedOrAddedMemberFails_namingBothLinesAndTheUpdateCommand() throws IOException {
    Path baseline = dir.resolve("scouter-tracing.txt");
    ApiBaseline.check("scouter-tracing", CLASSES, baseline, true);
    List<String> lines = new ArrayList<>(Files.readAllLines(baseline, StandardCharsets.UTF_8));
    assertThat(lines.remove("  public void setScouterQueue(io.scouter.queue.ScouterQueue)")).isTrue();
    lines.add("  public void goneInTheClasses()");
    Files.write(baseline, lines, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ApiBaseline.check("scouter-tracing", CLASSES, baseline, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("The public API of scouter-tracing differs from api/scouter-tracing.txt")
        .hasMessageContaining("\n- public void goneInTheClasses()\n")
        .hasMessageContaining("\n+ public void setScouterQueue(io.scouter.queue.ScouterQueue)\n")
        .hasMessageContaining("CHANGELOG.md")
        .hasMessageContaining("./mvnw -B -ntp -pl scouter-tracing -am test -Dtest=ApiBaselineTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dapi.baseline.update=true");
  }

  @Test
  void aMissingBaselineFails_sayingHowToCreateIt() {
    assertThatThrownBy(() -> ApiBaseline.check("x", CLASSES, dir.resolve("x.txt"), false))
        .hasMessageContaining("No API baseline").hasMessageContaining("-Dapi.baseline.update=true");
  }

  @Test
  void theRule_keepsInternalTypesJacksonBeyondJsonNodeAndTheOpenTelemetrySdkOut() {
    List<String> signatures = List.of(
        "public final class a.b.Ok implements io.opentelemetry.sdk.trace.export.SpanExporter",
        "  public io.opentelemetry.sdk.common.CompletableResultCode export(java.util.Collection<"
            + "io.opentelemetry.sdk.trace.data.SpanData>)",
        "  public io.opentelemetry.api.trace.Span unwrap()",
        "  public io.opentelemetry.context.Context context()",
        "  public com.fasterxml.jackson.databind.JsonNode context()",
        "  public io.scouter.tracing.internal.ServerView$Batch traces()",
        "  public com.fasterxml.jackson.databind.ObjectMapper mapper()",
        "  public io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter exporter()",
        "  public io.opentelemetry.sdk.trace.SdkTracerProvider provider()",
        "  public io.opentelemetry.api.incubator.trace.ExtendedTracer tracer()");
    assertThat(ApiBaseline.ruleViolations(signatures)).satisfiesExactly(
        v -> assertThat(v).startsWith("public io.scouter.tracing.internal.ServerView$Batch traces()")
            .contains("an internal type"),
        v -> assertThat(v).contains("ObjectMapper: Jackson appears only as com.fasterxml.jackson.databind.JsonNode"),
        v -> assertThat(v).contains("OtlpHttpSpanExporter: OpenTelemetry appears only from its API"),
        v -> assertThat(v).contains("SdkTracerProvider: OpenTelemetry appears only from its API"),
        v -> assertThat(v).contains("ExtendedTracer: OpenTelemetry appears only from its API"));
  }
}
