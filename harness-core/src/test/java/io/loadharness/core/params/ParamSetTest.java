package io.loadharness.core.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParamSetTest {

    static Stream<Arguments> catalog() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Stream.of(
                Arguments.of(Params.BURN_DURATION_MS, "duration_ms", 1, 10_000, 500),
                Arguments.of(Params.COMPLEXITY, "complexity", 1, 10, 5),
                Arguments.of(Params.ITERATIONS, "iterations", 1_000, 10_000_000, 500_000),
                Arguments.of(Params.CORES, "cores", 1, cores, 1),
                Arguments.of(Params.CPU_DURATION_SECONDS, "duration_seconds", 10, 300, 60),
                Arguments.of(Params.INTENSITY, "intensity", 1, 10, 5),
                Arguments.of(Params.SIZE_MB, "size_mb", 10, 500, 100),
                Arguments.of(Params.HOLD_DURATION_MS, "duration_ms", 100, 10_000, 2_000),
                Arguments.of(Params.MEMORY_DURATION_SECONDS, "duration_seconds", 10, 600, 60),
                Arguments.of(Params.CONCURRENCY, "concurrency", 1, 100, 10),
                Arguments.of(Params.REQUESTS, "requests", 1, 10_000, 10));
    }

    @ParameterizedTest
    @MethodSource("catalog")
    void everyParameterHasTheDesignedNameRangeAndDefault(ParamSpec spec, String name, long min, long max, long dflt) {
        assertThat(spec.name()).isEqualTo(name);
        assertThat(spec.min()).isEqualTo(min);
        assertThat(spec.max()).isEqualTo(max);
        assertThat(spec.defaultValue()).isEqualTo(dflt);
        assertThat(spec.label()).isNotBlank();
        assertThat(spec.help()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("catalog")
    void boundsAreAcceptedAndTheirNeighboursRejectedWithTheRangeMessage(ParamSpec spec, String name, long min, long max,
                                                                        long dflt) {
        assertThat(spec.check(min)).isEqualTo(min);
        assertThat(spec.check(max)).isEqualTo(max);
        String message = name + " must be between " + min + " and " + max;
        assertThatThrownBy(() -> spec.check(min - 1)).isInstanceOf(InvalidParameterException.class).hasMessage(message);
        assertThatThrownBy(() -> spec.check(max + 1)).isInstanceOf(InvalidParameterException.class).hasMessage(message);
    }

    @Test
    void omittedValuesTakeTheirDefaults() {
        assertThat(BurnSpec.PARAMS.defaults()).isEqualTo(new BurnSpec(500, 5));
        assertThat(WorkSpec.PARAMS.defaults()).isEqualTo(new WorkSpec(500_000));
        assertThat(CpuJobSpec.PARAMS.defaults()).isEqualTo(new CpuJobSpec(1, 60, 5));
        assertThat(MemoryHoldSpec.PARAMS.defaults()).isEqualTo(new MemoryHoldSpec(100, 2_000));
        assertThat(MemoryJobSpec.PARAMS.defaults()).isEqualTo(new MemoryJobSpec(100, 60));
        assertThat(FanOutSpec.PARAMS.defaults()).isEqualTo(new FanOutSpec(10, 500_000, 10));
    }

    @Test
    void fanOutRequestsDefaultToTheConcurrency() {
        assertThat(FanOutSpec.PARAMS.fromValues(Map.of("concurrency", 37L)).requests()).isEqualTo(37);
        assertThat(FanOutSpec.PARAMS.fromValues(Map.of("concurrency", 37L, "requests", 5L)).requests()).isEqualTo(5);
    }

    @Test
    void textValuesAreParsedAndTrimmed() {
        assertThat(BurnSpec.PARAMS.fromText(Map.of("duration_ms", " 250 "))).isEqualTo(new BurnSpec(250, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "1.5", "1e3", "0x10", "99999999999999999999", "5 5"})
    void textThatIsNotAWholeNumberIsRejectedNamingTheField(String raw) {
        assertThatThrownBy(() -> BurnSpec.PARAMS.fromText(Map.of("complexity", raw)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.field()).isEqualTo("complexity");
                    assertThat(e.getMessage()).isEqualTo("complexity must be between 1 and 10");
                });
    }

    @Test
    void anUnknownFieldIsRejectedListingTheAllowedOnes() {
        assertThatThrownBy(() -> BurnSpec.PARAMS.fromValues(Map.of("duraton_ms", 5L)))
                .isInstanceOfSatisfying(UnknownParameterException.class, e -> {
                    assertThat(e.field()).isEqualTo("duraton_ms");
                    assertThat(e.getMessage()).isEqualTo("unknown field 'duraton_ms'; allowed: duration_ms, complexity");
                });
    }

    @Test
    void theSameNameCanMeanDifferentRangesInDifferentOperations() {
        assertThatThrownBy(() -> CpuJobSpec.PARAMS.fromValues(Map.of("duration_seconds", 600L)))
                .hasMessage("duration_seconds must be between 10 and 300");
        assertThat(MemoryJobSpec.PARAMS.fromValues(Map.of("duration_seconds", 600L)).durationSeconds()).isEqualTo(600);
    }

    @Test
    void recordsRejectOutOfRangeValuesWhenBuiltDirectly() {
        assertThatThrownBy(() -> new BurnSpec(0, 5)).hasMessage("duration_ms must be between 1 and 10000");
        assertThatThrownBy(() -> new MemoryHoldSpec(501, 100)).hasMessage("size_mb must be between 10 and 500");
        assertThatThrownBy(() -> new FanOutSpec(101, 1000, 1)).hasMessage("concurrency must be between 1 and 100");
    }

    @Test
    void aSpecWithAnEmptyRangeOrAStrayDefaultCannotBeDeclared() {
        assertThatThrownBy(() -> new ParamSpec("x", "", 5, 1, 3, "X", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParamSpec("x", "", 1, 5, 9, "X", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
