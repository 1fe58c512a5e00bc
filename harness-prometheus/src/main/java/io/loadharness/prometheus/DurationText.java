package io.loadharness.prometheus;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as people write them in environment variables: {@code 500ms}, {@code 3s}, {@code 1m},
 * {@code 2h}, or ISO-8601 such as {@code PT3S}.
 */
public final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationText() {
    }

    /**
     * @param text  the duration, e.g. {@code 3s}
     * @param field the setting it came from, named in the error message
     * @return the duration
     * @throws IllegalArgumentException if text is not a duration
     */
    public static Duration parse(String text, String field) {
        String trimmed = text == null ? "" : text.strip();
        Matcher simple = SIMPLE.matcher(trimmed);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a duration such as 500ms, 3s, 1m or PT3S, was \""
                    + text + '"', e);
        }
    }

    /**
     * @param duration a duration of whole milliseconds
     * @return it in PromQL's duration syntax, e.g. {@code 1m}, {@code 90s}, {@code 1500ms}
     */
    public static String promql(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
