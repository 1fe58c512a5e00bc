package io.loadharness.examples.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.loadharness.ui.Main;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The image the Deployment runs must be the one the build makes: Jib's configuration (profile
 * {@code image} of harness-ui) and the Dockerfile agree with the Deployment on the image name, port,
 * user and JVM flags. Neither image can be built here (no registry but Maven Central), so this is
 * what can be checked offline.
 */
class ImageConfigurationTest {

    private static final String JVM_MEMORY_FLAG = "-XX:MaxRAMPercentage=75";
    private static final String NATIVE_ACCESS_FLAG = "--enable-native-access=ALL-UNNAMED";

    private static Container container;
    private static PodSecurityContext podSecurity;
    private static Document uiPom;
    private static Element jib;

    @BeforeAll
    static void load() throws Exception {
        Deployment deployment = Kustomization.load(Sources.kustomization()).one(Deployment.class);
        container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        podSecurity = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
        uiPom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                Sources.read("harness-ui/pom.xml").getBytes(StandardCharsets.UTF_8)));
        jib = jibPlugin();
    }

    @Test
    void deploymentRunsTheImageJibBuildsForThisVersion() {
        String version = System.getProperty("project.version");
        assertThat(text(jib, "configuration/to/image")).isEqualTo("load-harness:${project.version}");
        assertThat(container.getImage()).isEqualTo("load-harness:" + version);
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void jibImageIsTheJavaRuntimeWithThePortUserAndFlagsOfTheDeployment() {
        assertThat(text(jib, "configuration/from/image")).isEqualTo("eclipse-temurin:25-jre");
        assertThat(texts(jib, "configuration/container/ports/port"))
                .containsExactly(String.valueOf(container.getPorts().getFirst().getContainerPort()));
        assertThat(text(jib, "configuration/container/user"))
                .isEqualTo(podSecurity.getRunAsUser() + ":" + podSecurity.getRunAsGroup());
        assertThat(texts(jib, "configuration/container/jvmFlags/jvmFlag")).containsExactly(JVM_MEMORY_FLAG, NATIVE_ACCESS_FLAG);
    }

    @Test
    void jibStartsTheMainClassOfTheRunnableJar() throws NoSuchMethodException {
        assertThat(text(jib, "configuration/container/mainClass")).isEqualTo("${main.class}");
        String mainClass = text(uiPom.getDocumentElement(), "properties/main.class");
        assertThat(mainClass).isEqualTo(Main.class.getName());
        assertThat(Main.class.getMethod("main", String[].class).getModifiers() & Modifier.STATIC).isNotZero();
        assertThat(text(uiPom.getDocumentElement(), "build/plugins/plugin/configuration/archive/manifest/mainClass"))
                .isEqualTo("${main.class}");
    }

    @Test
    void dockerfileBuildsTheSameImage() {
        String dockerfile = Sources.read("examples/kubernetes/Dockerfile");
        List<String> froms = matches(dockerfile, "(?m)^FROM\\s+(\\S+)");
        assertThat(froms.getLast()).isEqualTo("eclipse-temurin:25-jre");
        assertThat(matches(dockerfile, "(?m)^USER\\s+(\\S+)"))
                .containsExactly(podSecurity.getRunAsUser() + ":" + podSecurity.getRunAsGroup());
        assertThat(matches(dockerfile, "(?m)^EXPOSE\\s+(\\d+)"))
                .containsExactly(String.valueOf(container.getPorts().getFirst().getContainerPort()));
        String entrypoint = matches(dockerfile, "(?m)^ENTRYPOINT\\s+(.+)$").getFirst();
        assertThat(entrypoint).contains("\"" + JVM_MEMORY_FLAG + "\"", "\"" + NATIVE_ACCESS_FLAG + "\"",
                "\"-jar\", \"/app/loadharness.jar\"");
        // The runnable jar and its class-path folder, as harness-ui's build names them.
        assertThat(text(uiPom.getDocumentElement(), "build/finalName")).isEqualTo("loadharness");
        assertThat(text(uiPom.getDocumentElement(), "build/plugins/plugin/configuration/archive/manifest/classpathPrefix"))
                .isEqualTo("libs/");
        assertThat(dockerfile).contains("harness-ui/target/loadharness.jar /app/loadharness.jar",
                "harness-ui/target/libs/ /app/libs/");
    }

    private static Element jibPlugin() {
        for (Element profile : children(uiPom.getDocumentElement(), "profiles/profile")) {
            if (!"image".equals(text(profile, "id"))) {
                continue;
            }
            for (Element plugin : children(profile, "build/plugins/plugin")) {
                if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
                    return plugin;
                }
            }
        }
        throw new AssertionError("harness-ui/pom.xml has no profile 'image' with jib-maven-plugin");
    }

    /** Elements along a slash-separated path of child names; every match at each step. */
    private static List<Element> children(Element from, String path) {
        List<Element> current = List.of(from);
        for (String name : path.split("/")) {
            List<Element> next = new ArrayList<>();
            for (Element element : current) {
                NodeList nodes = element.getChildNodes();
                for (int i = 0; i < nodes.getLength(); i++) {
                    Node node = nodes.item(i);
                    if (node instanceof Element child && child.getTagName().equals(name)) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static List<String> texts(Element from, String path) {
        return children(from, path).stream().map(e -> e.getTextContent().strip()).toList();
    }

    private static String text(Element from, String path) {
        List<String> all = texts(from, path);
        assertThat(all).as(path).isNotEmpty();
        return all.getFirst();
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1).strip());
        }
        return found;
    }
}
