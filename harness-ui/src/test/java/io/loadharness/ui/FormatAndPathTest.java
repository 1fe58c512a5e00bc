package io.loadharness.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.loadharness.core.LoadHarness;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Formatting as the design shows it, the prefix rules, the same-origin rule and the builder's checks. */
class FormatAndPathTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "999, 999", "45230, '45,230'", "10000000, '10,000,000'"})
    void countsHaveThousandsSeparators(long value, String text) {
        assertThat(Format.count(value)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"502.34, 502.3 ms", "2000.44, '2,000.4 ms'", "0, 0.0 ms"})
    void millisecondsHaveOneDecimal(double value, String text) {
        assertThat(Format.millis(value)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0 s", "44.2, 45 s", "60, 1 min", "125, 2 min 5 s", "-3, 0 s"})
    void secondsReadAsTimeLeft(double value, String text) {
        assertThat(Format.seconds(value)).isEqualTo(text);
    }

    @Test
    void percentOfNothingMeasuredIsADash() {
        assertThat(Format.percent(Double.NaN)).isEqualTo("-");
        assertThat(Format.percent(0.487)).isEqualTo("48.7%");
    }

    @ParameterizedTest
    @CsvSource({"'', /ui", "/, /ui", "loadharness, /loadharness/ui", "/loadharness/, /loadharness/ui",
            "/a/b, /a/b/ui"})
    void dashboardLivesUnderThePrefix(String prefix, String base) {
        assertThat(Dashboard.basePath(prefix)).isEqualTo(base);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a b", "/a?b", "/..", "/a/../b", "/<x>"})
    void prefixThatIsNotAPlainPathIsRefused(String prefix) {
        assertThatIllegalArgumentException().isThrownBy(() -> Dashboard.basePath(prefix))
                .withMessageContaining("prefix must be a plain path");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "            |                          | 127.0.0.1:8080 | true",
            "same-origin | http://127.0.0.1:8080    | 127.0.0.1:8080 | true",
            "none        |                          | 127.0.0.1:8080 | true",
            "SAME-ORIGIN | HTTP://LOCALHOST:8080    | localhost:8080 | true",
            "cross-site  |                          | 127.0.0.1:8080 | false",
            "same-site   | http://127.0.0.1:8080    | 127.0.0.1:8080 | false",
            "            | http://127.0.0.1:9090    | 127.0.0.1:8080 | false",
            "            | null                     | 127.0.0.1:8080 | false",
            "            | http://127.0.0.1:8080    |                | false"})
    void sameOriginRule(String fetchSite, String origin, String host, boolean accepted) {
        Optional<String> refusal = SameOrigin.refusal(Optional.ofNullable(fetchSite), Optional.ofNullable(origin),
                Optional.ofNullable(host));

        assertThat(refusal.isEmpty()).isEqualTo(accepted);
    }

    @Test
    void builderNamesWhatIsMissingOrOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> Dashboard.builder().build())
                .withMessage("harness is required");
        try (LoadHarness harness = LoadHarness.builder().podName("p").build()) {
            assertThatIllegalArgumentException().isThrownBy(() -> Dashboard.builder().harness(harness)
                            .chartWindow(Duration.ofSeconds(5)).build())
                    .withMessage("chart_window_seconds must be between 10 and 3600, was 5");
            assertThatIllegalArgumentException().isThrownBy(() -> Dashboard.builder().harness(harness)
                            .environment(" ").build())
                    .withMessage("environment must not be blank");
        }
    }
}
