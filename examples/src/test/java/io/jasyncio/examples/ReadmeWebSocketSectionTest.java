package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "WebSocket" section: its Java compiles against core and jasyncio-http, as statements of a method. */
class ReadmeWebSocketSectionTest {
    @Test
    void theWebSocketSectionsJavaBlocksCompile() throws Exception {
        List<String> blocks = ReadmeJava.blocks("## WebSocket");
        assertFalse(blocks.isEmpty(), "the section has a ```java block");
        for (String block : blocks) {
            assertEquals(List.of(), ReadmeJava.compileErrors(block));
        }
    }
}
