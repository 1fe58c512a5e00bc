#!/usr/bin/env bash
# Regenerates docs/performance.md from one run on this machine: builds the benchmarks module, runs
# every JMH benchmark, runs the side-by-side comparisons, and writes the report from their results.
#
#   benchmarks/run-all.sh                # full run, about 15 minutes; run it on a quiet machine
#   benchmarks/run-all.sh --quick        # every script once with short runs, a few minutes; numbers mean nothing
#   benchmarks/run-all.sh --report-only  # rewrite the report from the results already in benchmarks/target
#
# Needs a JDK 25 (JAVA_HOME), the Debian packages stress-ng, hey and gcc, and the LoadHarness modules
# installed in the local Maven repository (./mvnw -B install -DskipTests) or built in this tree.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"

quick=()
report_only=false
compare_failed=false
for arg in "$@"; do
    case "$arg" in
        --quick) quick=(--quick) ;;
        --report-only) report_only=true ;;
        *) echo "run-all.sh: unknown argument $arg (use --quick or --report-only)" >&2; exit 2 ;;
    esac
done

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if ! "$java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
    echo "run-all.sh: needs a JDK 25 or newer; set JAVA_HOME (found: $("$java" -version 2>&1 | head -n 1))" >&2
    exit 1
fi
jar=$here/target/benchmarks.jar
jmh_json=$here/target/jmh.json

if ! $report_only; then
    missing=()
    for tool in stress-ng hey gcc; do
        command -v "$tool" >/dev/null || missing+=("$tool")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "run-all.sh: missing ${missing[*]}; install with: apt-get install -y ${missing[*]}" >&2
        exit 1
    fi

    start=$(date +%s)
    echo "== build: ./mvnw -B -q -pl benchmarks package -DskipTests"
    if ! ./mvnw -B -q -pl benchmarks package -DskipTests; then
        echo "run-all.sh: the build failed; if the LoadHarness modules are missing from the local repository," >&2
        echo "            install them first: ./mvnw -B install -DskipTests" >&2
        exit 1
    fi

    rm -rf "$here/target/compare" "$jmh_json"
    echo "== JMH"
    jmh_args=(-rf json -rff "$jmh_json")
    if [ ${#quick[@]} -gt 0 ]; then
        jmh_args+=(-f 1 -wi 1 -i 1 -w 1s -r 1s)
    fi
    "$java" -jar "$jar" "${jmh_args[@]}" | tee "$here/target/jmh.log" | grep -E '^(# Benchmark:|# Parameters:|Result|Benchmark +)' || true
    [ -s "$jmh_json" ] || { echo "run-all.sh: JMH wrote no results; see $here/target/jmh.log" >&2; exit 1; }

    echo "== comparisons"
    if ! "$here/compare.sh" "${quick[@]}"; then
        compare_failed=true
        echo "run-all.sh: a comparison failed; the report names it" >&2
    fi
    echo "== measured in $(( $(date +%s) - start )) s"
fi

echo "== report"
"$java" -cp "$jar" io.loadharness.benchmarks.report.PerformanceReport \
    --jmh "$jmh_json" --compare "$here/target/compare" --out "$root/docs/performance.md"
$compare_failed && exit 1
exit 0
