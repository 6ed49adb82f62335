package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's client sections ("HTTP client", and the session example of "How many at a time"):
 * every ```java block that uses a {@code ClientSession} compiles against core and jasyncio-http,
 * as the statements of a method.
 */
class ReadmeHttpClientSectionsTest {
    @Test
    void theClientBlocksCompile() throws Exception {
        for (String heading : List.of("## HTTP client", "## How many at a time")) {
            List<String> blocks = ReadmeJava.blocks(heading).stream().filter(b -> b.contains("ClientSession")).toList();
            assertTrue(!blocks.isEmpty(), heading + " shows a ClientSession");
            for (String block : blocks) {
                assertEquals(List.of(), ReadmeJava.compileErrors(block), heading);
            }
        }
    }
}
