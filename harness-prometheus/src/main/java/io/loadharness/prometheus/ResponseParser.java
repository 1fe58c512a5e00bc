package io.loadharness.prometheus;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an HTTP status and body from {@code /api/v1/query} or {@code /api/v1/query_range} into a
 * {@link QueryResult}, following the response format of the Prometheus HTTP API v1.
 */
final class ResponseParser {

    /** Made once: {@code Json.createReader} looks the JSON provider up again on every call (3.6x slower). */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(java.util.Map.of());

    private ResponseParser() {
    }

    static QueryResult parse(int httpStatus, String body) {
        boolean ok = httpStatus >= 200 && httpStatus < 300;
        JsonObject root;
        try (JsonReader reader = READERS.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return ok ? new QueryError.MalformedResponse("body is a JSON " + value.getValueType().name().toLowerCase()
                        + ", not an object") : new QueryError.HttpError(httpStatus, body);
            }
            root = value.asJsonObject();
        } catch (JsonException e) {
            return ok ? new QueryError.MalformedResponse("body is not JSON (" + firstLine(e.getMessage()) + ")")
                    : new QueryError.HttpError(httpStatus, body);
        }
        String status = stringOrNull(root, "status");
        if ("error".equals(status)) {
            String errorType = stringOrNull(root, "errorType");
            String error = stringOrNull(root, "error");
            return new QueryError.PrometheusError(errorType == null ? "unknown" : errorType,
                    error == null ? "" : error, httpStatus);
        }
        if (!ok) {
            return new QueryError.HttpError(httpStatus, body);
        }
        if (!"success".equals(status)) {
            return new QueryError.MalformedResponse("status is " + (status == null ? "missing" : '"' + status + '"'));
        }
        try {
            return new QuerySuccess(data(root), warnings(root));
        } catch (Malformed e) {
            return new QueryError.MalformedResponse(e.getMessage());
        }
    }

    private static ResultData data(JsonObject root) throws Malformed {
        JsonObject data = object(root, "data", "data");
        String type = stringOrNull(data, "resultType");
        if (type == null) {
            throw new Malformed("data.resultType missing");
        }
        JsonValue result = data.get("result");
        if (result == null || result.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new Malformed("data.result is not an array");
        }
        JsonArray array = result.asJsonArray();
        return switch (type) {
            case "vector" -> vector(array);
            case "matrix" -> matrix(array);
            case "scalar" -> new ResultData.Scalar(point(array, "data.result"));
            case "string" -> new ResultData.Text(timestamp(array, "data.result"), text(array, "data.result"));
            default -> throw new Malformed("unknown data.resultType \"" + type + '"');
        };
    }

    private static ResultData.Vector vector(JsonArray result) throws Malformed {
        List<Sample> samples = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            String where = "data.result[" + i + "]";
            JsonObject element = element(result, i, where);
            JsonValue value = element.get("value");
            if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new Malformed(where + ".value missing"
                        + (element.containsKey("histogram") ? " (native histograms are not supported)" : ""));
            }
            Point point = point(value.asJsonArray(), where + ".value");
            samples.add(new Sample(labels(element, where), point.timestamp(), point.value()));
        }
        return new ResultData.Vector(samples);
    }

    private static ResultData.Matrix matrix(JsonArray result) throws Malformed {
        List<Series> series = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            String where = "data.result[" + i + "]";
            JsonObject element = element(result, i, where);
            JsonValue values = element.get("values");
            List<Point> points = new ArrayList<>();
            if (values != null && values.getValueType() == JsonValue.ValueType.ARRAY) {
                JsonArray array = values.asJsonArray();
                for (int j = 0; j < array.size(); j++) {
                    JsonValue pair = array.get(j);
                    if (pair.getValueType() != JsonValue.ValueType.ARRAY) {
                        throw new Malformed(where + ".values[" + j + "] is not a [time, value] pair");
                    }
                    points.add(point(pair.asJsonArray(), where + ".values[" + j + "]"));
                }
            } else if (values != null || !element.containsKey("histograms")) {
                throw new Malformed(where + ".values missing");
            } else {
                throw new Malformed(where + ".values missing (native histograms are not supported)");
            }
            series.add(new Series(labels(element, where), points));
        }
        return new ResultData.Matrix(series);
    }

    private static JsonObject element(JsonArray result, int index, String where) throws Malformed {
        JsonValue element = result.get(index);
        if (element.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Malformed(where + " is not an object");
        }
        return element.asJsonObject();
    }

    private static Map<String, String> labels(JsonObject element, String where) throws Malformed {
        JsonValue metric = element.get("metric");
        if (metric == null) {
            return Map.of();
        }
        if (metric.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Malformed(where + ".metric is not an object");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> label : metric.asJsonObject().entrySet()) {
            if (!(label.getValue() instanceof JsonString text)) {
                throw new Malformed(where + ".metric." + label.getKey() + " is not a string");
            }
            labels.put(label.getKey(), text.getString());
        }
        return labels;
    }

    private static Point point(JsonArray pair, String where) throws Malformed {
        return new Point(timestamp(pair, where), number(text(pair, where), where));
    }

    private static Instant timestamp(JsonArray pair, String where) throws Malformed {
        if (pair.size() != 2 || !(pair.get(0) instanceof JsonNumber seconds)) {
            throw new Malformed(where + " is not a [unix seconds, \"value\"] pair");
        }
        BigDecimal exact = seconds.bigDecimalValue();
        BigDecimal whole = new BigDecimal(exact.toBigInteger());
        long nanos = exact.subtract(whole).movePointRight(9).longValue();
        try {
            return Instant.ofEpochSecond(whole.longValueExact(), nanos);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new Malformed(where + " has an impossible timestamp " + exact);
        }
    }

    private static String text(JsonArray pair, String where) throws Malformed {
        if (pair.size() != 2 || !(pair.get(1) instanceof JsonString value)) {
            throw new Malformed(where + " is not a [unix seconds, \"value\"] pair");
        }
        return value.getString();
    }

    /** Prometheus writes special values Go-style, which {@link Double#parseDouble} does not accept. */
    static double number(String text, String where) throws Malformed {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new Malformed(where + " value \"" + text + "\" is not a number");
                }
            }
        };
    }

    private static List<String> warnings(JsonObject root) throws Malformed {
        JsonValue warnings = root.get("warnings");
        if (warnings == null || warnings == JsonValue.NULL) {
            return List.of();
        }
        if (warnings.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new Malformed("warnings is not an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue warning : warnings.asJsonArray()) {
            out.add(warning instanceof JsonString text ? text.getString() : warning.toString());
        }
        return out;
    }

    private static JsonObject object(JsonObject parent, String key, String where) throws Malformed {
        JsonValue value = parent.get(key);
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Malformed(where + " is not an object");
        }
        return value.asJsonObject();
    }

    private static String stringOrNull(JsonObject object, String key) {
        return object.get(key) instanceof JsonString text ? text.getString() : null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A response that does not follow the documented format; never escapes this class. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
