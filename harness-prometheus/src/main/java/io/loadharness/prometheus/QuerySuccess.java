package io.loadharness.prometheus;

import java.util.List;
import java.util.Objects;

/**
 * A query Prometheus answered with {@code "status": "success"}.
 *
 * @param data     the result, typed by its {@code resultType}
 * @param warnings warnings Prometheus attached to the answer (e.g. a partial response); unmodifiable,
 *                 usually empty
 */
public record QuerySuccess(ResultData data, List<String> warnings) implements QueryResult {

    /**
     * @throws NullPointerException if an argument is null
     */
    public QuerySuccess {
        Objects.requireNonNull(data, "data");
        warnings = List.copyOf(warnings);
    }
}
