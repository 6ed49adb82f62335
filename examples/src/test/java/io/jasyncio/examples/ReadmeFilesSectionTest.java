package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Files" section: its Java compiles against core, as statements of a method. */
class ReadmeFilesSectionTest {
    @Test
    void theFilesSectionsJavaBlocksCompile() throws Exception {
        List<String> blocks = ReadmeJava.blocks("## Files");
        assertFalse(blocks.isEmpty(), "the section has a ```java block");
        for (String block : blocks) {
            assertEquals(List.of(), ReadmeJava.compileErrors(block));
        }
    }
}
