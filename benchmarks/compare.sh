#!/usr/bin/env bash
# Side-by-side comparisons of LoadHarness against stress-ng, hey and a C program, on this machine,
# in one run. Writes JSON results and logs to benchmarks/target/compare/.
#
#   benchmarks/compare.sh [--quick] [cpu] [memory] [fanout] [server]
#
# Needs the benchmarks jar (./mvnw -B -pl benchmarks package), a JDK 25 (JAVA_HOME), and the Debian
# packages stress-ng, hey and gcc. Uses the full server jar harness-ui/target/loadharness.jar when it
# has been built, else the API-only server from the benchmarks jar. Everything binds 127.0.0.1 only,
# and every load is bounded in count and time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if ! "$java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
    echo "compare.sh: needs a JDK 25 or newer; set JAVA_HOME (found: $("$java" -version 2>&1 | head -n 1))" >&2
    exit 1
fi
missing=()
for tool in stress-ng hey gcc; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "compare.sh: missing ${missing[*]}; install with: apt-get install -y ${missing[*]}" >&2
    exit 1
fi
jar=$here/target/benchmarks.jar
if [ ! -f "$jar" ]; then
    echo "compare.sh: $jar not found; build it with: ./mvnw -B -pl benchmarks package" >&2
    exit 1
fi

out=$here/target/compare
mkdir -p "$out"
gcc -O2 -Wall -o "$out/touch" "$here/src/main/c/touch.c"

args=()
server_jar=$root/harness-ui/target/loadharness.jar
if [ -f "$server_jar" ] && [ -d "$root/harness-ui/target/libs" ] \
        && unzip -l "$server_jar" 'io/loadharness/ui/Main.class' >/dev/null 2>&1; then
    # (No `unzip | grep -q` here: under pipefail grep's early exit fails the pipeline with SIGPIPE.)
    # A copy, so that a rebuild of harness-ui during the run cannot pull the jar from under the server.
    rm -rf "$out/server"
    mkdir -p "$out/server"
    cp "$server_jar" "$out/server/"
    cp -r "$root/harness-ui/target/libs" "$out/server/"
    args+=(--server-jar "$out/server/loadharness.jar")
else
    echo "compare.sh: $server_jar not built; the server comparisons use the API-only server" >&2
fi
exec "$java" -cp "$jar" io.loadharness.benchmarks.compare.Compare --out "$out" --touch "$out/touch" "${args[@]}" "$@"
