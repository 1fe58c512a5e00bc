package io.loadharness.http;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.health.HealthObserver;
import io.loadharness.core.LoadHarness;
import java.util.List;

/**
 * Liveness and readiness at {@code {prefix}/health/live} and {@code {prefix}/health/ready} through
 * Helidon's health observer. Both checks only read fields, so they answer at once even while our own
 * CPU jobs saturate every core.
 */
final class HarnessHealth {

    private HarnessHealth() {
    }

    static void register(HttpRouting.Builder routing, String prefix, LoadHarness harness) {
        HealthCheck live = new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.LIVENESS;
            }

            @Override
            public String name() {
                return "loadharness";
            }

            @Override
            public HealthCheckResponse call() {
                return HealthCheckResponse.builder().status(true).build();
            }
        };
        HealthCheck ready = new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return "loadharness";
            }

            @Override
            public HealthCheckResponse call() {
                return HealthCheckResponse.builder()
                        .status(!harness.isClosed())
                        .detail("running_jobs", harness.runningJobs())
                        .build();
            }
        };
        HealthObserver observer = HealthObserver.builder()
                .details(true)
                .useSystemServices(false)
                .addCheck(live)
                .addCheck(ready)
                .build();
        // The observer only needs the routings and where to mount; the server-feature context is unused,
        // which lets the health endpoints live under the prefix of a routing the API does not own.
        observer.register(null, List.of(routing), endpoint -> prefix + "/health");
    }
}
