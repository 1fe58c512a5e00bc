package io.loadharness.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalLong;

/** Number, size and time formatting as the design shows it: {@code 502.3 ms}, {@code 45,230}. */
final class Format {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final double MIB = 1024.0 * 1024.0;

    private Format() {
    }

    /** @return a whole number with thousands separators, e.g. {@code 45,230} */
    static String count(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    /** @return one decimal with thousands separators, e.g. {@code 2,000.4} */
    static String decimal(double value) {
        return String.format(Locale.US, "%,.1f", value);
    }

    /** @return milliseconds with one decimal, e.g. {@code 502.3 ms} */
    static String millis(double ms) {
        return decimal(ms) + " ms";
    }

    /** @return a fraction 0-1 as a percentage with one decimal, e.g. {@code 48.7%}; {@code -} for NaN */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : decimal(fraction * 100) + "%";
    }

    /** @return bytes as MiB with one decimal, e.g. {@code 100.0 MB} */
    static String megabytes(long bytes) {
        return decimal(bytes / MIB) + " MB";
    }

    /** @return bytes as MiB, or {@code -} where the platform gave no value */
    static String megabytes(OptionalLong bytes) {
        return bytes.isPresent() ? megabytes(bytes.getAsLong()) : "-";
    }

    /** @return requests per second with one decimal, e.g. {@code 12.5 req/s} */
    static String rate(double perSecond) {
        return decimal(perSecond) + " req/s";
    }

    /** @return a duration in seconds as {@code 45 s} or {@code 2 min 5 s} */
    static String seconds(double seconds) {
        long whole = (long) Math.ceil(Math.max(0, seconds));
        if (whole < 60) {
            return whole + " s";
        }
        long min = whole / 60;
        long sec = whole % 60;
        return sec == 0 ? min + " min" : min + " min " + sec + " s";
    }

    /** @return the UTC wall-clock time, e.g. {@code 14:03:27 UTC} */
    static String clock(Instant instant) {
        return CLOCK.format(instant);
    }
}
