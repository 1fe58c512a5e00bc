package io.loadharness.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.params.ParamSpec;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI 3 document of every route at {@code /openapi}, generated from {@link ApiRoutes} and
 * core's parameter specs, so ranges, defaults and descriptions cannot drift from validation.
 */
final class OpenApiService implements HttpService {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String BEARER = "bearerAuth";

    private final JsonObject document;

    OpenApiService(String prefix, String version) {
        this.document = document(prefix, version);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/openapi", this::get);
    }

    private void get(ServerRequest req, ServerResponse res) {
        res.send(document);
    }

    static JsonObject document(String prefix, String version) {
        JsonObjectBuilder paths = JsonMapping.object();
        for (Map.Entry<String, Set<String>> entry : ApiRoutes.methodsByTemplate().entrySet()) {
            JsonObjectBuilder item = JsonMapping.object();
            for (ApiRoutes.Route route : ApiRoutes.ALL) {
                if (route.template().equals(entry.getKey())) {
                    item.add(route.method().text().toLowerCase(Locale.ROOT), operation(route));
                }
            }
            paths.add(entry.getKey(), item);
        }
        return JsonMapping.object()
                .add("openapi", "3.0.3")
                .add("info", JsonMapping.object()
                        .add("title", "LoadHarness API")
                        .add("version", version)
                        .add("description", "Synthetic CPU, memory and cluster load. Errors are RFC 9457 problem "
                                + "documents; every response carries X-Pod-Name."))
                .add("servers", JsonMapping.array().add(JsonMapping.object().add("url", prefix.isEmpty() ? "/" : prefix)))
                .add("paths", paths)
                .add("components", JsonMapping.object()
                        .add("schemas", JsonMapping.object().add("Problem", problemSchema()))
                        .add("securitySchemes", JsonMapping.object().add(BEARER, JsonMapping.object()
                                .add("type", "http")
                                .add("scheme", "bearer")
                                .add("description", "HARNESS_API_TOKEN; required on every mutating route when it is set"))))
                .build();
    }

    private static JsonObject operation(ApiRoutes.Route route) {
        JsonObjectBuilder op = JsonMapping.object()
                .add("summary", route.summary())
                .add("operationId", operationId(route));
        if (route.template().contains("{job_id}")) {
            op.add("parameters", JsonMapping.array().add(JsonMapping.object()
                    .add("name", "job_id")
                    .add("in", "path")
                    .add("required", true)
                    .add("schema", JsonMapping.object().add("type", "string"))));
        }
        JsonObjectBuilder responses = JsonMapping.object()
                .add(String.valueOf(route.status()), JsonMapping.object().add("description", route.response()));
        if (route.params() != null) {
            op.add("requestBody", JsonMapping.object()
                    .add("required", false)
                    .add("description", "Omitted fields take their defaults; an empty body means all defaults.")
                    .add("content", JsonMapping.object().add("application/json",
                            JsonMapping.object().add("schema", bodySchema(route)))));
            responses.add("400", problem("Malformed JSON, a field of the wrong type, out of range or unknown"))
                    .add("413", problem("Body larger than " + JsonBodies.MAX_BYTES + " bytes"))
                    .add("415", problem("Content-Type is not application/json"));
        }
        if (route.template().startsWith("/load/jobs/")) {
            responses.add("404", problem("No job has this id"));
        }
        if (route.template().equals("/load/cpu") || route.template().startsWith("/load/memory")) {
            responses.add("409", problem("A limit is reached: memory budget, jobs or CPU workers"));
        }
        if (route.template().equals("/load/cluster")) {
            responses.add("429", problem("Too many fan-outs at once or the fan-out rate limit is reached"));
        }
        responses.add("405", problem("Method not allowed on this path"));
        if (route.method() != Method.GET) {
            // Optional: an empty requirement means open access, the bearer one applies when a token is set.
            op.add("security", JsonMapping.array().add(JsonMapping.object())
                    .add(JsonMapping.object().add(BEARER, JsonMapping.array())));
            responses.add("401", problem("HARNESS_API_TOKEN is set and the request does not carry it as a bearer token"))
                    .add("403", problem("A browser sent the request on behalf of another site"));
        }
        return op.add("responses", responses).build();
    }

    private static JsonObject bodySchema(ApiRoutes.Route route) {
        JsonObjectBuilder properties = JsonMapping.object();
        for (ParamSpec spec : route.params().params()) {
            String unit = spec.unit().isEmpty() ? "" : " Unit: " + spec.unit() + ".";
            properties.add(spec.name(), JsonMapping.object()
                    .add("type", "integer")
                    .add("format", "int32")
                    .add("minimum", spec.min())
                    .add("maximum", spec.max())
                    .add("default", spec.defaultValue())
                    .add("title", spec.label())
                    .add("description", spec.help() + unit));
        }
        if (route.template().equals("/load/cluster")) {
            properties.add(JsonBodies.KEEP_ALIVE, JsonMapping.object()
                    .add("type", "boolean")
                    .add("default", false)
                    .add("description", "Reuse pooled keep-alive connections for raw throughput. By default every "
                            + "call opens a new connection, so a Kubernetes Service spreads the calls over its pods."));
        }
        return JsonMapping.object()
                .add("type", "object")
                .add("additionalProperties", false)
                .add("properties", properties)
                .build();
    }

    private static JsonObject problem(String description) {
        return JsonMapping.object()
                .add("description", description)
                .add("content", JsonMapping.object().add(Problems.CONTENT_TYPE,
                        JsonMapping.object().add("schema", JsonMapping.object().add("$ref", PROBLEM_REF))))
                .build();
    }

    private static JsonObject problemSchema() {
        JsonObjectBuilder string = JsonMapping.object().add("type", "string");
        return JsonMapping.object()
                .add("type", "object")
                .add("properties", JsonMapping.object()
                        .add("type", string)
                        .add("title", string)
                        .add("status", JsonMapping.object().add("type", "integer"))
                        .add("detail", string)
                        .add("field", JsonMapping.object().add("type", "string")
                                .add("description", "The request field at fault, for a bad field"))
                        .add("limit", JsonMapping.object().add("type", "string")
                                .add("description", "The limit reached, e.g. memory_budget")))
                .build();
    }

    private static String operationId(ApiRoutes.Route route) {
        StringBuilder id = new StringBuilder(route.method().text().toLowerCase(Locale.ROOT));
        for (String part : route.template().split("[/{}_]")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }
}
