package io.loadharness.examples.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader behind {@link ManifestTest}: it must apply what kustomize applies and miss no typo. */
class KustomizationTest {

    @TempDir
    Path dir;

    @Test
    void appliesTheNamespaceToNamespacedObjectsAndTheLabelsToAll() throws IOException {
        write("kustomization.yaml", """
                namespace: demo
                labels:
                  - pairs: {team: platform}
                resources: [all.yaml]
                """);
        write("all.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: demo}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {a: b}
                """);

        Kustomization loaded = Kustomization.load(dir);

        assertThat(loaded.one(ConfigMap.class).getMetadata().getNamespace()).isEqualTo("demo");
        assertThat(loaded.one(Namespace.class).getMetadata().getNamespace()).isNull();
        assertThat(loaded.objects()).allSatisfy(o -> assertThat(o.getMetadata().getLabels()).containsEntry("team", "platform"));
        assertThat(loaded.unknownFields()).isEmpty();
    }

    @Test
    void reportsAFieldTheModelDoesNotKnow() throws IOException {
        write("kustomization.yaml", "resources: [pod.yaml]\n");
        write("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: c
                      image: busybox
                      readinesProbe: {httpGet: {path: /, port: 80}}
                """);

        assertThat(Kustomization.load(dir).unknownFields()).containsExactly("Pod/p.spec.containers[0].readinesProbe");
    }

    @Test
    void refusesKustomizeFeaturesItDoesNotImplement() throws IOException {
        write("kustomization.yaml", "resources: []\npatches: []\n");

        assertThatThrownBy(() -> Kustomization.load(dir)).hasMessageContaining("'patches' is not supported");
    }

    @Test
    void refusesAnObjectOfAnUnknownKind() throws IOException {
        write("kustomization.yaml", "resources: [thing.yaml]\n");
        write("thing.yaml", "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t}\n");

        assertThatThrownBy(() -> Kustomization.load(dir)).hasMessageContaining("example.com/v1 Thing is not a type the model knows");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
