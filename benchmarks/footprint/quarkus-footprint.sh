#!/usr/bin/env bash
# Footprint of Scouter tracing in a Quarkus app, side by side (issue 16, section 3).
#
# Builds three new Quarkus apps that differ only in their tracing dependency - none, the library
# (scouter-cdi-extension + scouter-jaxrs-propagation) and quarkus-opentelemetry (plus the quarkus-scouter extension
# when that module exists) - each with quarkus-rest, one resource and one @Traced/@WithSpan bean; runs each, sends 50
# requests, waits 7 s (both exporters export once, on their default 5 s schedule), forces a full GC and prints: start-up (Quarkus' own "started in" and the wall time until the first
# response), RSS, metaspace used, loaded classes and heap used after the GC (jcmd). Both tracing apps export every
# span over HTTP to a bare sink (benchmarks' ExportThroughput sink, a separate JVM): Scouter's HTTP transport, and
# OTLP/HTTP (protobuf) for quarkus-opentelemetry.
#
# Usage, from the repository root:   benchmarks/footprint/quarkus-footprint.sh [runs-per-app]   (default 3)
# It builds the library modules into a private Maven repository under benchmarks/target/footprint (reading the rest
# from ~/.m2 through maven.repo.local.tail, writing nothing there; what is missing, e.g. quarkus-opentelemetry's
# protobuf-java, is downloaded into the private one), then the apps there; ~5-10 minutes on 2 cores.
# FOOTPRINT_SKIP_BUILD=1 measures the apps already built; FOOTPRINT_OFFLINE=-o builds offline.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${1:-3}
QUARKUS=3.33.2
WORK=$ROOT/benchmarks/target/footprint
REPO=$WORK/repo
MVN="$ROOT/mvnw -B -ntp -q -Dmaven.repo.local=$REPO -Dmaven.repo.local.tail=$HOME/.m2/repository"
OFFLINE=${FOOTPRINT_OFFLINE:-}
SKIP_BUILD=${FOOTPRINT_SKIP_BUILD:-}
mkdir -p "$WORK"
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)

EXT_MODULES=scouter-cdi-extension,scouter-jaxrs-propagation
HAS_EXT=no
if [ -f "$ROOT/quarkus-scouter/pom.xml" ]; then
  HAS_EXT=yes
  EXT_MODULES=$EXT_MODULES,quarkus-scouter/runtime,quarkus-scouter/deployment
fi
[ -n "$SKIP_BUILD" ] || echo "== building the library into $REPO (version $VERSION)"
[ -n "$SKIP_BUILD" ] || (cd "$ROOT" && $MVN $OFFLINE install -pl "$EXT_MODULES" -am -DskipTests -Dmaven.javadoc.skip=true \
  -Dmaven.source.skip=true -Dgpg.skip=true -Djacoco.skip=true >/dev/null)
[ -n "$SKIP_BUILD" ] || (cd "$ROOT" && $MVN $OFFLINE install -N -DskipTests >/dev/null)

if [ -z "$SKIP_BUILD" ]; then
  echo "== building the sink"
  (cd "$ROOT" && $MVN $OFFLINE package -pl benchmarks -DskipTests >/dev/null)
fi
BENCH_JAR=$ROOT/benchmarks/target/benchmarks.jar

# app <name> <dependencies xml> <bean annotation import> <bean annotation> <properties>
app() {
  local name=$1 deps=$2 imp=$3 ann=$4 props=$5 dir=$WORK/$1
  [ -z "$SKIP_BUILD" ] || return 0
  rm -rf "$dir" && mkdir -p "$dir/src/main/java/bench" "$dir/src/main/resources"
  cat > "$dir/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>footprint-$name</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <maven.compiler.parameters>true</maven.compiler.parameters>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-bom</artifactId><version>$QUARKUS</version>
        <type>pom</type><scope>import</scope></dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency>
    $deps
  </dependencies>
  <build>
    <plugins>
      <plugin><groupId>io.quarkus</groupId><artifactId>quarkus-maven-plugin</artifactId><version>$QUARKUS</version>
        <extensions>true</extensions>
        <executions><execution><goals><goal>build</goal></goals></execution></executions></plugin>
    </plugins>
  </build>
</project>
POM
  cat > "$dir/src/main/java/bench/Scorer.java" <<JAVA
package bench;

$imp
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class Scorer {
  $ann
  public String score(String name) {
    return name + ":" + name.length();
  }
}
JAVA
  cat > "$dir/src/main/java/bench/ScoreResource.java" <<JAVA
package bench;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

@Path("/score")
public class ScoreResource {
  @Inject
  Scorer scorer;

  @GET
  public String score(@QueryParam("name") String name) {
    return scorer.score(name == null ? "x" : name);
  }
}
JAVA
  printf '%s\n' "quarkus.banner.enabled=false" "quarkus.application.name=footprint-$name" $props \
    > "$dir/src/main/resources/application.properties"
  echo "== building app $name"
  (cd "$dir" && $MVN $OFFLINE package -DskipTests >/dev/null)
}

SCOUTER_DEPS="<dependency><groupId>io.scouter</groupId><artifactId>scouter-cdi-extension</artifactId><version>$VERSION</version></dependency>
    <dependency><groupId>io.scouter</groupId><artifactId>scouter-jaxrs-propagation</artifactId><version>$VERSION</version></dependency>"
app none "" "" "" ""
app scouter "$SCOUTER_DEPS" "import io.scouter.cdi.Traced;" "@Traced" \
  "scouter.service-name=footprint scouter.transport=http scouter.http.uri=http://127.0.0.1:\${SINK_PORT}"
app otel "<dependency><groupId>io.quarkus</groupId><artifactId>quarkus-opentelemetry</artifactId></dependency>" \
  "import io.opentelemetry.instrumentation.annotations.WithSpan;" "@WithSpan" \
  "quarkus.otel.exporter.otlp.traces.protocol=http/protobuf quarkus.otel.exporter.otlp.traces.endpoint=http://127.0.0.1:\${SINK_PORT}"
APPS="none scouter otel"
if [ "$HAS_EXT" = yes ]; then
  app quarkus-scouter "<dependency><groupId>io.scouter</groupId><artifactId>quarkus-scouter</artifactId><version>$VERSION</version></dependency>" \
    "import io.scouter.cdi.Traced;" "@Traced" \
    "scouter.service-name=footprint scouter.transport=http scouter.http.uri=http://127.0.0.1:\${SINK_PORT}"
  APPS="$APPS quarkus-scouter"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "== starting the sink"
SINK_LOG=$WORK/sink.out
rm -f "$WORK/sink.in" "$SINK_LOG" && mkfifo "$WORK/sink.in"
java -Xmx128m -cp "$BENCH_JAR" io.scouter.bench.ExportThroughput sink <"$WORK/sink.in" >"$SINK_LOG" 2>&1 &
SINK_PID=$!
exec 4>"$WORK/sink.in"  # the sink runs until its input closes
trap 'exec 4>&-; kill $SINK_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q '^PORT ' "$SINK_LOG" 2>/dev/null && break; sleep 0.1; done
export SINK_PORT=$(sed -n 's/^PORT //p' "$SINK_LOG")

# measure <app> -> prints one line: startedIn firstResponseMs rssKB metaspaceKB classes heapKB
measure() {
  local name=$1 port log pid t0 t1 started
  port=$(free_port)
  log=$WORK/$name.log
  t0=$(date +%s%N)
  java -Dquarkus.http.port="$port" -jar "$WORK/$name/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/score?name=warm" >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { echo "app $name died:" >&2; cat "$log" >&2; return 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  for i in $(seq 2 50); do curl -sf "http://127.0.0.1:$port/score?name=n$i" >/dev/null; done
  sleep 7  # past both exporters' default 5 s schedule: each app has exported (and loaded its exporter) once
  jcmd $pid GC.run >/dev/null
  sleep 0.5
  local heap meta classes rss
  heap=$(jcmd $pid GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1)
  meta=$(jcmd $pid GC.heap_info | sed -n 's/.*Metaspace *used \([0-9]*\)K.*/\1/p' | head -1)
  classes=$(jcmd $pid PerfCounter.print | awk -F= '/java.cls.loadedClasses=/{l=$2} /java.cls.unloadedClasses=/{u=$2} /java.cls.sharedLoadedClasses=/{s=$2} /java.cls.sharedUnloadedClasses=/{su=$2} END{print l+s-u-su}')
  rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
  started=$(sed -n 's/.*started in \([0-9.]*\)s.*/\1/p' "$log" | head -1)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$started $(( (t1 - t0) / 1000000 )) $rss $meta $classes $heap"
}

echo "== measuring ($RUNS runs per app, after 50 requests and a full GC)"
printf '%-16s %4s %12s %14s %9s %15s %14s %14s\n' app run "started (s)" "first resp (ms)" "RSS (MB)" "metaspace (MB)" "loaded classes" "heap (MB)"
for run in $(seq "$RUNS"); do
  for a in $APPS; do
    read -r s f rss meta classes heap < <(measure "$a")
    printf '%-16s %4d %12s %14d %9.1f %15.1f %14d %14.1f\n' "$a" "$run" "$s" "$f" "$(echo "$rss/1024" | bc -l)" \
      "$(echo "$meta/1024" | bc -l)" "$classes" "$(echo "$heap/1024" | bc -l)"
  done
done
