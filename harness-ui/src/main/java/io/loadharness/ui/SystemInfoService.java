package io.loadharness.ui;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.LoadHarness;
import io.loadharness.core.system.SystemInfo;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * {@code GET /api/system-info}: the process and host facts as JSON, read in process. Values the
 * platform does not expose are {@code null}.
 */
final class SystemInfoService implements HttpService {

    private final LoadHarness harness;

    SystemInfoService(LoadHarness harness) {
        this.harness = harness;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/system-info", this::info);
    }

    private void info(ServerRequest req, ServerResponse res) {
        Views.securityHeaders(res);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(json(harness.systemInfo(), harness.podName()));
    }

    /**
     * @param info    the facts
     * @param podName the pod name the harness reports (configured, or the probed one)
     * @return the JSON object
     */
    static String json(SystemInfo info, String podName) {
        return "{"
                + "\"pod_name\":" + string(podName)
                + ",\"cores\":" + info.cores()
                + ",\"heap_used_bytes\":" + info.heapUsedBytes()
                + ",\"heap_max_bytes\":" + info.heapMaxBytes()
                + ",\"rss_bytes\":" + number(info.rssBytes())
                + ",\"container_memory_limit_bytes\":" + number(info.containerMemoryLimit())
                + ",\"container_cpu_limit\":" + number(info.containerCpuLimit())
                + ",\"physical_memory_bytes\":" + info.physicalMemoryBytes()
                + ",\"process_cpu_load\":" + number(info.processCpuLoad())
                + ",\"system_cpu_load\":" + number(info.systemCpuLoad())
                + ",\"uptime_seconds\":" + String.format(Locale.ROOT, "%.3f", info.uptime().toMillis() / 1000.0)
                + ",\"java_version\":" + string(info.javaVersion())
                + "}";
    }

    private static String number(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "null";
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() && Double.isFinite(value.getAsDouble())
                ? String.format(Locale.ROOT, "%.4f", value.getAsDouble()) : "null";
    }

    private static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
