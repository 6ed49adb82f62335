package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.stream.tls.TlsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code io.jasyncio.stream} does not depend on {@code io.jasyncio.stream.tls} (issue 8): the
 * compiled classes of the package name no class of the TLS package; TLS is reached through
 * {@link TlsLayer}. The layering test of the whole core (ArchUnit) checks the same after merge;
 * this one needs no library.
 */
class StreamTlsLayeringTest {

    @Test
    void noStreamClassReferencesTheTlsPackage() throws IOException, URISyntaxException {
        Path dir = Path.of(Transport.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/jasyncio/stream");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    // Constant-pool class names are stored as UTF-8 in the class file.
                    String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                    if (text.contains("io/jasyncio/stream/tls/")) {
                        offenders.add(f.getFileName().toString());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void tlsOptionsIsTheTlsLayerUsersPass() {
        assertTrue(TlsLayer.class.isAssignableFrom(TlsOptions.class));
    }
}
