#!/usr/bin/env bash
# Builds LoadHarness and starts the full server (JSON API, dashboard, /metrics, health, OpenAPI on one
# port). Configure it with environment variables, e.g. PORT=9000 ENVIRONMENT=local ./run.sh; see
# docs/configuration.md. Needs only a JDK >= 25 (JAVA_HOME, /usr/lib/jvm or java on PATH).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java-home.sh
./mvnw -B -q -DskipTests package
exec "$JAVA_HOME/bin/java" -jar harness-ui/target/loadharness.jar "$@"
