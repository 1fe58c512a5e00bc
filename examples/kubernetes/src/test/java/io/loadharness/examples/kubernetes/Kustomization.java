package io.loadharness.examples.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A kustomization loaded the way {@code kubectl apply -k} would, for the subset this folder uses:
 * {@code resources} (files), {@code namespace} and {@code labels} (without selectors). Anything else
 * is refused, so that a new kustomize feature cannot slip past the tests unchecked.
 *
 * <p>Every document is parsed into fabric8's typed Kubernetes model; a field the model does not know
 * (a typo such as {@code readinesProbe}) is reported by {@link #unknownFields()}.
 */
final class Kustomization {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUPPORTED_KEYS = Set.of("apiVersion", "kind", "namespace", "labels", "resources");
    private static final Set<String> SUPPORTED_LABEL_KEYS = Set.of("pairs", "includeSelectors");

    private final String namespace;
    private final Map<String, String> labels;
    private final Map<String, List<JsonNode>> sources;
    private final List<HasMetadata> objects;

    private Kustomization(String namespace, Map<String, String> labels, Map<String, List<JsonNode>> sources,
                          List<HasMetadata> objects) {
        this.namespace = namespace;
        this.labels = labels;
        this.sources = sources;
        this.objects = objects;
    }

    /**
     * @param directory the folder holding {@code kustomization.yaml}
     * @return the objects kustomize would apply
     */
    static Kustomization load(Path directory) {
        JsonNode root = readDocuments(directory.resolve("kustomization.yaml")).getFirst();
        root.fieldNames().forEachRemaining(key -> {
            if (!SUPPORTED_KEYS.contains(key)) {
                throw new IllegalStateException("kustomization.yaml: '" + key + "' is not supported by this loader;"
                        + " supported: " + SUPPORTED_KEYS);
            }
        });
        String namespace = root.path("namespace").isMissingNode() ? null : root.path("namespace").asText();
        Map<String, String> labels = new LinkedHashMap<>();
        for (JsonNode entry : root.path("labels")) {
            entry.fieldNames().forEachRemaining(key -> {
                if (!SUPPORTED_LABEL_KEYS.contains(key)) {
                    throw new IllegalStateException("kustomization.yaml labels: '" + key + "' is not supported");
                }
            });
            if (entry.path("includeSelectors").asBoolean(false)) {
                throw new IllegalStateException("kustomization.yaml labels: includeSelectors: true is not supported");
            }
            entry.path("pairs").properties().forEach(pair -> labels.put(pair.getKey(), pair.getValue().asText()));
        }
        Map<String, List<JsonNode>> sources = new LinkedHashMap<>();
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode resource : root.path("resources")) {
            String file = resource.asText();
            List<JsonNode> documents = readDocuments(directory.resolve(file));
            sources.put(file, documents);
            for (JsonNode document : documents) {
                JsonNode transformed = transform(document.deepCopy(), namespace, labels);
                objects.add(toTyped(file, transformed));
            }
        }
        return new Kustomization(namespace, Map.copyOf(labels), sources, List.copyOf(objects));
    }

    /** @return the {@code namespace} of the kustomization, or null */
    String namespace() {
        return namespace;
    }

    /** @return the labels the kustomization adds to every object's metadata */
    Map<String, String> labels() {
        return labels;
    }

    /** @return every document as written, by resource file */
    Map<String, List<JsonNode>> sources() {
        return sources;
    }

    /** @return every object after the namespace and labels are applied, in resource order */
    List<HasMetadata> objects() {
        return objects;
    }

    /**
     * @param type a model class, e.g. {@code Deployment.class}
     * @param <T>  the model class
     * @return the only object of that type
     * @throws IllegalStateException if there is not exactly one
     */
    <T extends HasMetadata> T one(Class<T> type) {
        List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
        if (matching.size() != 1) {
            throw new IllegalStateException("expected one " + type.getSimpleName() + ", found " + matching.size());
        }
        return matching.getFirst();
    }

    /**
     * @return every field the typed model did not recognise, as {@code Kind/name: path.field}
     */
    List<String> unknownFields() {
        List<String> unknown = new ArrayList<>();
        for (HasMetadata object : objects) {
            collectUnknown(object, object.getKind() + "/" + object.getMetadata().getName(), unknown,
                    java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return unknown;
    }

    private static List<JsonNode> readDocuments(Path file) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> result = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    result.add(document);
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** What kustomize's namespace and label transformers do to one object. */
    private static JsonNode transform(JsonNode document, String namespace, Map<String, String> labels) {
        ObjectNode metadata = ((ObjectNode) document).withObject("metadata");
        if (namespace != null && !"Namespace".equals(document.path("kind").asText())) {
            metadata.put("namespace", namespace);
        }
        if (!labels.isEmpty()) {
            ObjectNode objectLabels = metadata.withObject("labels");
            labels.forEach(objectLabels::put);
        }
        return document;
    }

    private static HasMetadata toTyped(String file, JsonNode document) {
        KubernetesResource resource;
        try {
            resource = YAML.treeToValue(document, KubernetesResource.class);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": not a valid Kubernetes object: " + e.getMessage(), e);
        }
        if (resource instanceof GenericKubernetesResource generic) {
            throw new IllegalStateException(file + ": " + generic.getApiVersion() + " " + generic.getKind()
                    + " is not a type the model knows");
        }
        if (!(resource instanceof HasMetadata object)) {
            throw new IllegalStateException(file + ": " + resource.getClass().getSimpleName() + " has no metadata");
        }
        return object;
    }

    private static void collectUnknown(Object value, String path, List<String> unknown, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collectUnknown(item, path + "." + key, unknown, seen));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    for (Iterator<?> keys = extra.keySet().iterator(); keys.hasNext(); ) {
                        unknown.add(path + "." + keys.next());
                    }
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            collectUnknown(child, path + "." + field, unknown, seen);
        }
    }
}
