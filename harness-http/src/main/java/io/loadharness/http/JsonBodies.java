package io.loadharness.http;

import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import io.loadharness.core.params.FanOutSpec;
import io.loadharness.core.params.InvalidParameterException;
import io.loadharness.core.params.ParamSet;
import io.loadharness.core.params.ParamSpec;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads request bodies strictly: JSON objects only, at most {@value #MAX_BYTES} bytes, every
 * parameter an exact integer within core's range, no unknown fields. An absent or empty body means
 * every default. Failures are thrown as exceptions that {@link ErrorMapping} renders.
 */
final class JsonBodies {

    /** Largest body accepted; parameter objects are a few dozen bytes. */
    static final int MAX_BYTES = 16 * 1024;

    /** The boolean option accepted only by {@code POST /load/cluster}. */
    static final String KEEP_ALIVE = "keep_alive";

    private static final int MAX_ECHO = 40;

    /** Deepest nesting read; parameters are flat, so anything deeper is refused before parsing. */
    static final int MAX_DEPTH = 32;

    private JsonBodies() {
    }

    /**
     * A fan-out request: the spec and whether to use pooled keep-alive connections.
     *
     * @param spec      concurrency, iterations and requests
     * @param keepAlive whether calls reuse pooled connections
     */
    record FanOutRequest(FanOutSpec spec, boolean keepAlive) {
    }

    /**
     * @param req the request
     * @param set the parameters the operation takes
     * @param <T> the spec type
     * @return the checked spec; omitted fields take their defaults
     */
    static <T> T params(ServerRequest req, ParamSet<T> set) {
        return set.fromValues(integers(read(req), set));
    }

    /**
     * @param req a {@code POST /load/cluster} request
     * @return the spec and the keep-alive option (default false)
     */
    static FanOutRequest fanOut(ServerRequest req) {
        JsonObject body = read(req);
        boolean keepAlive = false;
        JsonValue option = body.get(KEEP_ALIVE);
        if (option != null) {
            if (option.getValueType() == JsonValue.ValueType.TRUE) {
                keepAlive = true;
            } else if (option.getValueType() != JsonValue.ValueType.FALSE) {
                throw ProblemException.invalidField(KEEP_ALIVE, KEEP_ALIVE + " must be true or false, was " + echo(option));
            }
            body = JsonMapping.object(body).remove(KEEP_ALIVE).build();
        }
        return new FanOutRequest(FanOutSpec.PARAMS.fromValues(integers(body, FanOutSpec.PARAMS)), keepAlive);
    }

    /**
     * @param req the request
     * @return the body as a JSON object; empty when there is no body
     * @throws ProblemException 415 if a Content-Type other than JSON is given, even with an empty body
     */
    static JsonObject read(ServerRequest req) {
        OptionalLong length = req.headers().contentLength();
        if (length.isPresent() && length.getAsLong() > MAX_BYTES) {
            throw ProblemException.payloadTooLarge(MAX_BYTES);
        }
        if (req.headers().contentType().isPresent()) {
            // Even for an empty body: an HTML form posts an empty body as a form, and must not start load.
            checkContentType(req);
        }
        if (!req.content().hasEntity()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BYTES) {
            throw ProblemException.payloadTooLarge(MAX_BYTES);
        }
        if (bytes.length == 0) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        checkContentType(req);
        checkDepth(bytes);
        return parseObject(bytes);
    }

    /**
     * Parses a JSON object of one level, strictly: a duplicate key or anything after the object is
     * malformed (a lenient reader would keep one value or ignore the rest silently).
     */
    private static JsonObject parseObject(byte[] bytes) {
        try (JsonParser parser = JsonMapping.parser(new ByteArrayInputStream(bytes))) {
            if (!parser.hasNext()) {
                throw ProblemException.malformedJson("malformed JSON: empty document");
            }
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT) {
                throw ProblemException.malformedJson("request body must be a JSON object, was " + echo(parser.getValue()));
            }
            JsonObjectBuilder object = JsonMapping.object();
            Set<String> seen = new HashSet<>();
            for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
                String key = parser.getString();
                parser.next();
                JsonValue value = parser.getValue();
                if (!seen.add(key)) {
                    throw ProblemException.malformedJson("malformed JSON: duplicate field '" + shorten(key) + "'");
                }
                object.add(key, value);
            }
            if (parser.hasNext()) {
                throw ProblemException.malformedJson("malformed JSON: content after the object");
            }
            return object.build();
        } catch (JsonException | NoSuchElementException e) {
            throw ProblemException.malformedJson("malformed JSON: " + e.getMessage());
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            // The parser refuses some input with plain runtime exceptions (e.g. its own nesting limit).
            throw ProblemException.malformedJson("malformed JSON: " + shorten(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Refuses nesting deeper than {@value #MAX_DEPTH} with a clear message, counting brackets outside
     * strings, before a parser spends a stack frame per level.
     */
    static void checkDepth(byte[] bytes) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                if (++depth > MAX_DEPTH) {
                    throw ProblemException.malformedJson("malformed JSON: nested deeper than " + MAX_DEPTH + " levels");
                }
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
    }

    /**
     * Takes every member as an exact integer: {@code 5} is accepted; {@code 5.0}, {@code 1.5},
     * {@code 1e3}, {@code "5"}, {@code true} and {@code null} are not.
     */
    private static Map<String, Long> integers(JsonObject body, ParamSet<?> set) {
        Map<String, Long> values = new HashMap<>();
        body.forEach((name, value) -> {
            ParamSpec spec = set.spec(name);
            values.put(name, integer(spec, value));
        });
        return values;
    }

    private static long integer(ParamSpec spec, JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new InvalidParameterException(spec, echo(value));
        }
        JsonNumber number = (JsonNumber) value;
        // scale 0 means the literal had neither a fraction nor an exponent that shifts it.
        if (number.bigDecimalValue().scale() != 0) {
            throw new InvalidParameterException(spec, echo(value));
        }
        BigInteger exact = number.bigIntegerValue();
        if (exact.bitLength() > 63) {
            throw new InvalidParameterException(spec, echo(value));
        }
        return exact.longValue();
    }

    private static void checkContentType(ServerRequest req) {
        String given = req.headers().contentType().map(HttpMediaType::text).orElse("none");
        boolean json = req.headers().contentType()
                .map(type -> type.type().toLowerCase(Locale.ROOT).equals("application")
                        && (type.subtype().equalsIgnoreCase("json") || type.subtype().toLowerCase(Locale.ROOT).endsWith("+json")))
                .orElse(false);
        if (!json) {
            throw ProblemException.unsupportedMediaType(shorten(given));
        }
    }

    private static String echo(JsonValue value) {
        return shorten(value.toString());
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
    }
}
