package io.jasyncio.testing;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What {@code mvn install} publishes (issue 8), read from the poms: core and testing with sources
 * and Javadoc jars, not examples or bench; and testing's own dependencies stop at the JUnit API
 * its API exposes. it/run then builds a separate project against what was installed.
 */
class PublishedArtifactsTest {
    /** The project root: surefire runs this module's tests in testing/. */
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    private static Element pom(String module) throws Exception {
        Path file = ROOT.resolve(module).resolve("pom.xml");
        assertTrue(Files.isRegularFile(file), file::toString);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        return d.getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.getFirst();
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static List<String> buildPlugins(Element project) {
        NodeList plugins = child(child(project, "build"), "plugins") == null ? null
                : child(child(project, "build"), "plugins").getElementsByTagName("artifactId");
        List<String> ids = new ArrayList<>();
        for (int i = 0; plugins != null && i < plugins.getLength(); i++) {
            ids.add(plugins.item(i).getTextContent().trim());
        }
        return ids;
    }

    @Test
    void testingReachesUsersWithOnlyTheJunitApiItsOwnApiExposes() throws Exception {
        List<String> published = new ArrayList<>();
        for (Element dep : children(child(pom("testing"), "dependencies"), "dependency")) {
            String scope = text(dep, "scope");
            if (scope == null || scope.equals("compile") || scope.equals("runtime")) {
                published.add(text(dep, "groupId") + ":" + text(dep, "artifactId"));
            }
        }
        assertEquals(List.of("io.jasyncio:jasyncio-core", "org.junit.jupiter:junit-jupiter-api"), published,
                "the engine, params and their versions are the user's choice");
    }

    @Test
    void coreAndTestingInstallSourcesAndJavadocJars() throws Exception {
        for (String module : List.of("core", "testing")) {
            List<String> plugins = buildPlugins(pom(module));
            assertTrue(plugins.contains("maven-source-plugin") && plugins.contains("maven-javadoc-plugin"),
                    module + " builds " + plugins);
        }
    }

    @Test
    void examplesAndBenchAreNotInstalledOrDeployed() throws Exception {
        for (String module : List.of("examples", "bench")) {
            Element properties = child(pom(module), "properties");
            assertEquals("true", text(properties, "maven.install.skip"), module);
            assertEquals("true", text(properties, "maven.deploy.skip"), module);
        }
    }

    @Test
    void theBuildRefusesAJdkOlderThan25WithAMessageSayingSo() throws Exception {
        Element project = pom(".");
        Element enforcer = null;
        for (Element plugin : children(child(child(project, "build"), "plugins"), "plugin")) {
            if ("maven-enforcer-plugin".equals(text(plugin, "artifactId"))) {
                enforcer = plugin;
            }
        }
        assertNotNull(enforcer, "the parent pom runs the enforcer in every module");
        Element rule = (Element) enforcer.getElementsByTagName("requireJavaVersion").item(0);
        assertEquals("[25,)", text(rule, "version"));
        assertTrue(text(rule, "message").startsWith("jasyncio needs JDK 25 or newer"), text(rule, "message"));
    }
}
