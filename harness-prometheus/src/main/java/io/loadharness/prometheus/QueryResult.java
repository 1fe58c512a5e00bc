package io.loadharness.prometheus;

/**
 * The outcome of one query: a {@link QuerySuccess} or a classified {@link QueryError}. The client never
 * throws for a failed query; callers switch on the outcome.
 *
 * <pre>{@code
 * switch (client.query("up")) {
 *     case QuerySuccess ok -> render(ok.data());
 *     case QueryError error -> show(error.kind(), error.reason());
 * }
 * }</pre>
 */
public sealed interface QueryResult permits QuerySuccess, QueryError {

    /**
     * @return true if this is a {@link QuerySuccess}
     */
    default boolean succeeded() {
        return this instanceof QuerySuccess;
    }
}
