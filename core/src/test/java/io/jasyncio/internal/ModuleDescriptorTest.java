package io.jasyncio.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module {@code io.jasyncio} as users on the module path see it: every package is exported
 * except {@code io.jasyncio.internal} (the engine over {@code jdk.internal.vm}), nothing is
 * opened, and the only module it needs beyond {@code java.base} is {@code jdk.unsupported}.
 */
class ModuleDescriptorTest {
    private static ModuleDescriptor descriptor() throws URISyntaxException {
        // Tests run from the class path; the compiled descriptor sits beside the classes.
        Path classes = Path.of(Coroutine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return ModuleFinder.of(classes).find("io.jasyncio").orElseThrow(
                () -> new AssertionError("no module io.jasyncio in " + classes)).descriptor();
    }

    @Test
    void everyPackageButInternalIsExportedToEveryone() throws Exception {
        ModuleDescriptor d = descriptor();
        Set<String> expected = new TreeSet<>(d.packages());
        expected.remove("io.jasyncio.internal");
        Set<String> exported = d.exports().stream()
                .peek(e -> assertFalse(e.isQualified(), "qualified export: " + e))
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, exported);
    }

    @Test
    void theEnginePackageIsNeitherExportedNorOpened() throws Exception {
        ModuleDescriptor d = descriptor();
        assertTrue(d.packages().contains("io.jasyncio.internal"));
        assertTrue(d.exports().stream().noneMatch(e -> e.source().equals("io.jasyncio.internal")));
        assertTrue(d.opens().isEmpty(), "opens: " + d.opens());
        assertFalse(d.isOpen());
    }

    @Test
    void theModuleNeedsOnlyJavaBaseAndJdkUnsupported() throws Exception {
        Set<String> requires = descriptor().requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("java.base", "jdk.unsupported"), requires);
    }
}
