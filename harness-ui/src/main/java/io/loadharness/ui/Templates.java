package io.loadharness.ui;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's Pebble engine: templates under {@code io/loadharness/ui/templates/} read through
 * this module, autoescaping on, strict variables so a misspelt name fails loudly.
 */
final class Templates {

    private final PebbleEngine engine;

    Templates() {
        ModuleLoader loader = new ModuleLoader();
        loader.setPrefix("io/loadharness/ui/templates/");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder()
                .loader(loader)
                .strictVariables(true)
                .autoEscaping(true)
                .newLineTrimming(true)
                .defaultLocale(Locale.ROOT)
                .build();
    }

    /**
     * @param name  template name relative to the template root, without suffix, e.g. {@code partials/cpu_result}
     * @param model the variables
     * @return the rendered HTML
     */
    String render(String name, Map<String, Object> model) {
        PebbleTemplate template = engine.getTemplate(name);
        StringWriter out = new StringWriter(4096);
        try {
            template.evaluate(out, model, Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + name, e);
        }
        return out.toString();
    }
}
