package io.jasyncio.modcheck;

import io.jasyncio.Asyncio;
import java.time.Duration;

/**
 * The child program of {@code ModulePathTest}: run from the class path against jasyncio on the
 * module path, it prints the module the library was loaded as once a task has waited.
 */
public final class ModulePathMain {
    private ModulePathMain() {
    }

    /** Runs a task that sleeps once, then prints {@code module=NAME}. */
    public static void main(String[] args) {
        String module = Asyncio.run(() -> {
            Asyncio.sleep(Duration.ofMillis(1));
            return Asyncio.class.getModule().getName();
        });
        System.out.println("module=" + module);
    }
}
