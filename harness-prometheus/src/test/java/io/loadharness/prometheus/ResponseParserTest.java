package io.loadharness.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "'[1,2]'                                                                        | body is a JSON array, not an object",
            "'{\"data\":{}}'                                                                | status is missing",
            "'{\"status\":\"success\"}'                                                     | data is not an object",
            "'{\"status\":\"success\",\"data\":{\"result\":[]}}'                            | data.resultType missing",
            "'{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"}}'                | data.result is not an array",
            "'{\"status\":\"success\",\"data\":{\"resultType\":\"tensor\",\"result\":[]}}'  | unknown data.resultType \"tensor\"",
            "'{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"abc\"]}]}}' | data.result[0].value value \"abc\" is not a number",
            "'{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[\"1\",\"2\"]}]}}' | data.result[0].value is not a [unix seconds, \"value\"] pair",
            "'{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"histogram\":[1,{}]}]}}' | data.result[0].value missing (native histograms are not supported)",
            "'{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"a\":1},\"values\":[]}]}}' | data.result[0].metric.a is not a string",
            "'{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1]}}'  | data.result is not a [unix seconds, \"value\"] pair"})
    void wrongShapeIsMalformedWithWhatWasWrong(String body, String detail) {
        assertThat(ResponseParser.parse(200, body)).isEqualTo(new QueryError.MalformedResponse(detail));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "422 | '{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"many-to-many matching\"}' | execution | many-to-many matching",
            "503 | '{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out\"}'         | timeout   | query timed out",
            "200 | '{\"status\":\"error\"}'                                                                 | unknown   | ''"})
    void errorStatusIsPrometheusErrorWhateverTheHttpStatus(int status, String body, String type, String error) {
        assertThat(ResponseParser.parse(status, body)).isEqualTo(new QueryError.PrometheusError(type, error, status));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"502 | <html>Bad Gateway</html>", "401 | '{\"message\":\"unauthorized\"}'"})
    void errorStatusWithoutPrometheusBodyIsHttpError(int status, String body) {
        assertThat(ResponseParser.parse(status, body)).isEqualTo(new QueryError.HttpError(status, body));
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.5", "NaN, NaN", "+Inf, Infinity", "Inf, Infinity", "-Inf, -Infinity", "1e-3, 0.001"})
    void goStyleNumbersAreParsed(String text, double expected) throws ResponseParser.Malformed {
        // Boxed, so that NaN equals NaN (Double.equals compares bits).
        assertThat(Double.valueOf(ResponseParser.number(text, "x"))).isEqualTo(Double.valueOf(expected));
    }
}
