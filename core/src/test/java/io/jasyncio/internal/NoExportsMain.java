package io.jasyncio.internal;

import io.jasyncio.Asyncio;

/** The child program of {@link EngineFlagTest}: a minimal {@code Asyncio.run}, started without the export. */
public final class NoExportsMain {
    private NoExportsMain() {
    }

    /** Runs a trivial main task; without the export it must fail naming the flag. */
    public static void main(String[] args) {
        System.out.println("result: " + Asyncio.run(() -> "ran"));
    }
}
