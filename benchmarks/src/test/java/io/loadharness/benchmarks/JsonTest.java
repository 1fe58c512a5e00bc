package io.loadharness.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report is only as good as the JSON it reads back: a round trip and JMH's own quirks. */
class JsonTest {

    @Test
    void writtenResultsReadBackUnchanged() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("rps", 1234.5);
        value.put("failed", 0);
        value.put("label", "keep-alive \"pooled\"\n");
        value.put("rounds", List.of(1.0, 2.5));
        value.put("nothing", null);

        Map<String, Object> back = Json.object(Json.parse(Json.write(value)));

        assertThat(back).containsEntry("rps", 1234.5).containsEntry("failed", 0.0)
                .containsEntry("label", "keep-alive \"pooled\"\n").containsEntry("rounds", List.of(1.0, 2.5))
                .containsEntry("nothing", null);
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNullAndJmhNanIsReadAsNan() {
        assertThat(Json.write(Map.of("x", Double.NaN))).contains("\"x\": null");
        assertThat(Json.number(Json.object(Json.parse("{\"scoreError\": NaN}")).get("scoreError"))).isNaN();
    }

    @Test
    void malformedTextIsRefusedWithItsOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
    }
}
