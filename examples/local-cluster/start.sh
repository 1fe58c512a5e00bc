#!/usr/bin/env bash
# A local stand-in for a Kubernetes deployment: N LoadHarness servers on loopback ports with
# distinct POD_NAMEs, haproxy round-robin in front of them playing the Service, and Prometheus
# scraping every one of them. Ctrl-C (or SIGTERM) stops everything it started.
#
#   examples/local-cluster/start.sh            # 3 servers
#   examples/local-cluster/start.sh 5          # 5 servers
#
# Ports (all on 127.0.0.1) can be moved with LH_BASE_PORT (first server, default 8081),
# LH_SERVICE_PORT (haproxy, default 8080) and LH_PROMETHEUS_PORT (default 9090).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
servers=${1:-3}
base_port=${LH_BASE_PORT:-8081}
service_port=${LH_SERVICE_PORT:-8080}
prometheus_port=${LH_PROMETHEUS_PORT:-9090}
jar=${LH_JAR:-$root/harness-ui/target/loadharness.jar}

case "$servers" in
    '' | *[!0-9]*) echo "usage: $0 [servers 1-20]" >&2; exit 2 ;;
esac
if [ "$servers" -lt 1 ] || [ "$servers" -gt 20 ]; then
    echo "servers must be between 1 and 20" >&2
    exit 2
fi
for tool in haproxy prometheus curl; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (Debian: apt-get install $tool)" >&2; exit 1; }
done
. "$root/scripts/java-home.sh"
if [ ! -f "$jar" ]; then
    echo "building $jar"
    (cd "$root" && ./mvnw -B -q -DskipTests package)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/loadharness-cluster.XXXXXX")
pids=()
stop_all() {
    trap - INT TERM EXIT
    echo "stopping ${#pids[@]} processes"
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap stop_all INT TERM EXIT

service_url="http://127.0.0.1:$service_port"
prometheus_url="http://127.0.0.1:$prometheus_port"
targets=""
backends=""
for i in $(seq 1 "$servers"); do
    port=$((base_port + i - 1))
    targets="$targets'127.0.0.1:$port',"
    backends="$backends    server pod-$i 127.0.0.1:$port check inter 1s fall 1 rise 1
"
done

cat > "$work/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    retries 0
frontend service
    bind 127.0.0.1:$service_port
    default_backend pods
backend pods
    balance roundrobin
    option httpchk
    http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host localhost
$backends
CFG

cat > "$work/prometheus.yml" <<CFG
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: load-harness
    metrics_path: /metrics
    static_configs:
      - targets: [${targets%,}]
CFG

for i in $(seq 1 "$servers"); do
    port=$((base_port + i - 1))
    PORT=$port HOST=127.0.0.1 POD_NAME="load-harness-pod-$i" ENVIRONMENT=local \
        HARNESS_CLUSTER_URL="$service_url" PROMETHEUS_URL="$prometheus_url" \
        "$JAVA_HOME/bin/java" -jar "$jar" >"$work/pod-$i.log" 2>&1 &
    pids+=("$!")
    echo "pod-$i pid $! port $port"
done
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
pids+=("$!")
echo "haproxy pid $! port $service_port"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
pids+=("$!")
echo "prometheus pid $! port $prometheus_port"

wait_for() {
    local url=$1 what=$2
    for _ in $(seq 1 300); do
        curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "$what did not become ready at $url; logs in $work" >&2
    tail -n 20 "$work"/*.log >&2 || true
    return 1
}
for i in $(seq 1 "$servers"); do
    wait_for "http://127.0.0.1:$((base_port + i - 1))/health/ready" "pod-$i"
done
wait_for "$service_url/health/ready" haproxy
wait_for "$prometheus_url/-/ready" prometheus

echo "ready: $servers pods behind $service_url, Prometheus at $prometheus_url"
echo "dashboard: http://127.0.0.1:$base_port/ui"
echo "logs: $work (Ctrl-C stops everything)"
# A pod that dies stays dead, as a crashed pod without its Deployment would: haproxy and Prometheus
# notice and the dashboard shows one pod fewer.
while :; do
    sleep 1 &
    wait $! || true
done
