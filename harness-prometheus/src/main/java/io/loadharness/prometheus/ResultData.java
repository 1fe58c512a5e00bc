package io.loadharness.prometheus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The {@code data.result} of a successful query, one of the four Prometheus result types.
 *
 * <pre>{@code
 * switch (success.data()) {
 *     case ResultData.Vector v -> v.samples().forEach(s -> use(s.labels(), s.value()));
 *     case ResultData.Matrix m -> m.series().forEach(s -> chart(s.points()));
 *     case ResultData.Scalar s -> use(s.point().value());
 *     case ResultData.Text t -> use(t.value());
 * }
 * }</pre>
 */
public sealed interface ResultData {

    /**
     * @return the Prometheus name of this result type: {@code vector}, {@code matrix}, {@code scalar} or
     *         {@code string}
     */
    String resultType();

    /**
     * An instant vector: zero or more labelled samples at one instant.
     *
     * @param samples the samples in the order Prometheus returned them; unmodifiable
     */
    record Vector(List<Sample> samples) implements ResultData {

        /**
         * @throws NullPointerException if samples is null
         */
        public Vector {
            samples = List.copyOf(samples);
        }

        @Override
        public String resultType() {
            return "vector";
        }
    }

    /**
     * A range matrix: zero or more labelled series of points.
     *
     * @param series the series in the order Prometheus returned them; unmodifiable
     */
    record Matrix(List<Series> series) implements ResultData {

        /**
         * @throws NullPointerException if series is null
         */
        public Matrix {
            series = List.copyOf(series);
        }

        @Override
        public String resultType() {
            return "matrix";
        }
    }

    /**
     * A single unlabelled number, e.g. the result of {@code scalar(...)} or {@code 1 + 1}.
     *
     * @param point the evaluation time and value
     */
    record Scalar(Point point) implements ResultData {

        /**
         * @throws NullPointerException if point is null
         */
        public Scalar {
            Objects.requireNonNull(point, "point");
        }

        @Override
        public String resultType() {
            return "scalar";
        }
    }

    /**
     * A string literal result, e.g. of the query {@code "hello"}.
     *
     * @param timestamp the evaluation time
     * @param value     the string
     */
    record Text(Instant timestamp, String value) implements ResultData {

        /**
         * @throws NullPointerException if an argument is null
         */
        public Text {
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String resultType() {
            return "string";
        }
    }
}
