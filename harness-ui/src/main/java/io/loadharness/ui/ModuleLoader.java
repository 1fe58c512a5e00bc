package io.loadharness.ui;

import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Loads templates through this module ({@link Module#getResourceAsStream(String)}), so they are found
 * on the module path as well as on the class path; Pebble's {@code ClasspathLoader} asks the class
 * loader, which cannot see resources encapsulated in a named module.
 */
final class ModuleLoader implements Loader<String> {

    private final Module module = ModuleLoader.class.getModule();
    private String prefix = "";
    private String suffix = "";
    private Charset charset = StandardCharsets.UTF_8;

    @Override
    public Reader getReader(String cacheKey) {
        InputStream in = open(cacheKey);
        if (in == null) {
            throw new LoaderException(null, "template not found: " + cacheKey);
        }
        return new InputStreamReader(in, charset);
    }

    @Override
    public void setCharset(String charset) {
        this.charset = Charset.forName(charset);
    }

    @Override
    public void setPrefix(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public void setSuffix(String suffix) {
        this.suffix = suffix == null ? "" : suffix;
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        // Every template names others from the template root, so there is nothing relative to resolve.
        return null;
    }

    @Override
    public String createCacheKey(String templateName) {
        return templateName;
    }

    @Override
    public boolean resourceExists(String templateName) {
        try (InputStream in = open(templateName)) {
            return in != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream open(String templateName) {
        String path = prefix + templateName + suffix;
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        try {
            return module.getResourceAsStream(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + path, e);
        }
    }
}
