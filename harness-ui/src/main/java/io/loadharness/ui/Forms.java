package io.loadharness.ui;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.webserver.http.ServerRequest;
import io.loadharness.core.params.BurnSpec;
import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.core.params.FanOutSpec;
import io.loadharness.core.params.MemoryHoldSpec;
import io.loadharness.core.params.MemoryJobSpec;
import io.loadharness.core.params.ParamSet;
import io.loadharness.core.params.ParamSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load-test forms of the dashboard, generated from core's parameter specs (the single source of
 * their names, ranges and defaults), and the parsing of what they post.
 */
final class Forms {

    private Forms() {
    }

    /**
     * @param base the dashboard's path
     * @return the CPU, Memory and Cluster tabs with their forms
     */
    static List<TabView> tabs(String base) {
        return List.of(
                new TabView("cpu", "CPU", List.of(
                        form("cpu-burn", "One-shot burn", "Keeps one core busy for the duration, then reports what it did.",
                                base + "/partials/cpu-burn-result", "Run burn", BurnSpec.PARAMS, true, "duration_ms", 1),
                        form("cpu-job", "Sustained job", "Starts workers in the background; watch them under Active jobs.",
                                base + "/partials/cpu-result", "Start CPU job", CpuJobSpec.PARAMS, false, "", 0))),
                new TabView("memory", "Memory", List.of(
                        form("memory-hold", "Hold now", "Allocates resident memory, holds it, releases it and reports RSS.",
                                base + "/partials/memory-result", "Hold memory", MemoryHoldSpec.PARAMS, true, "duration_ms", 1),
                        form("memory-job", "Background job", "Holds memory in the background; watch it under Active jobs.",
                                base + "/partials/memory-job-result", "Start memory job", MemoryJobSpec.PARAMS, false, "", 0))),
                new TabView("cluster", "Cluster", List.of(
                        form("cluster", "Fan-out", "Sends concurrent requests through the cluster's Service and shows which pods answered.",
                                base + "/partials/cluster-result", "Run cluster test", FanOutSpec.PARAMS, true, "", 0))));
    }

    private static FormView form(String id, String title, String help, String action, String submit, ParamSet<?> set,
                                 boolean primary, String expectField, int expectScaleMs) {
        List<FieldView> fields = set.params().stream().map(spec -> field(id, spec)).toList();
        return new FormView(id, title, help, action, submit, fields, primary, expectField, expectScaleMs);
    }

    private static FieldView field(String formId, ParamSpec spec) {
        long range = spec.max() - spec.min();
        // A slider with millions of positions cannot be dragged to one value; snap big ranges to round steps.
        long step = range >= 1_000_000 ? 1_000 : 1;
        return new FieldView(formId + "-" + spec.name().replace('_', '-'), spec.name(), spec.label(), spec.unit(),
                spec.min(), spec.max(), spec.defaultValue(), step, spec.help(),
                Format.count(spec.min()), Format.count(spec.max()), Format.count(spec.defaultValue()));
    }

    /**
     * Reads a posted form as single values by name.
     *
     * @param req the request
     * @return the values, in the order posted
     * @throws BadFormException if the body is not a form or a name is given twice
     */
    static Map<String, String> read(ServerRequest req) {
        boolean isForm;
        try {
            isForm = req.headers().contentType()
                    .map(type -> type.mediaType().text().equalsIgnoreCase(MediaTypes.APPLICATION_FORM_URLENCODED_VALUE))
                    .orElse(false);
        } catch (RuntimeException e) {
            // A Content-Type Helidon cannot parse (e.g. "a/b;;="): the client's mistake, answered like any other.
            isForm = false;
        }
        if (!isForm) {
            throw new BadFormException("Send the form as " + MediaTypes.APPLICATION_FORM_URLENCODED_VALUE
                    + " (got " + shorten(req.headers().first(HeaderNames.CONTENT_TYPE).orElse("no content type")) + ").");
        }
        if (!req.content().hasEntity()) {
            // An empty form posts nothing: every field takes its default, as an empty JSON body does in the API.
            return Map.of();
        }
        Parameters params;
        try {
            params = req.content().as(Parameters.class);
        } catch (IllegalArgumentException e) {
            // A malformed percent-escape such as %ZZ: the client's mistake, so a 4xx like any bad value.
            throw new BadFormException("The form is not valid " + MediaTypes.APPLICATION_FORM_URLENCODED_VALUE
                    + " (" + e.getMessage() + ").");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : params.names()) {
            List<String> all = params.all(name);
            if (all.size() != 1) {
                throw new BadFormException(shorten(name) + " must be given once");
            }
            values.put(name, all.getFirst());
        }
        return values;
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    /** A posted body that is not a usable form; the message is safe to show. */
    static final class BadFormException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadFormException(String message) {
            super(message);
        }
    }

    /**
     * One tab of the load-tests card.
     *
     * @param id    {@code cpu}, {@code memory} or {@code cluster}
     * @param label the tab's label
     * @param forms its forms, the primary one first
     */
    record TabView(String id, String label, List<FormView> forms) {
    }

    /**
     * One form: a run button and its fields.
     *
     * @param id            element id, e.g. {@code cpu-burn}
     * @param title         heading
     * @param help          one sentence under the heading
     * @param action        the URL it posts to
     * @param submit        the run button's label
     * @param fields        its fields
     * @param primary       whether the keyboard shortcut runs this form
     * @param expectField   the field holding how long the request takes, or empty when it returns at once
     * @param expectScaleMs milliseconds per unit of that field
     */
    record FormView(String id, String title, String help, String action, String submit, List<FieldView> fields,
                    boolean primary, String expectField, int expectScaleMs) {
    }

    /**
     * One slider bound to a number input.
     *
     * @param id       the number input's id
     * @param name     the wire name posted
     * @param label    the label
     * @param unit     the unit, or empty
     * @param min      smallest value
     * @param max      largest value
     * @param value    the default
     * @param step     the slider's step
     * @param help     one sentence
     * @param minLabel min with separators
     * @param maxLabel max with separators
     * @param valueLabel the default with separators
     */
    record FieldView(String id, String name, String label, String unit, long min, long max, long value, long step,
                     String help, String minLabel, String maxLabel, String valueLabel) {
    }
}
