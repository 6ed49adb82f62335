package io.jasyncio;

import java.util.Locale;

/**
 * The event loop implementations, by the name {@code -Djasyncio.loop=NAME} selects them.
 *
 * <p>{@link #SELECTOR} and {@link #VIRTUAL} live in core. {@link #URING} lives in the artifact
 * {@code io.jasyncio:jasyncio-uring} and is found through {@link EventLoopProvider}; it needs
 * Linux with io_uring and the JVM flags
 * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED}.
 * {@link #AUTO} picks io_uring where it can run and the selector loop elsewhere.
 * {@link #unavailableReason()} tells without creating a loop whether a kind can run here.
 *
 * <p>Differs from asyncio: asyncio chooses loops through event loop policies
 * ({@code asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())}); here the choice is a name,
 * given by the system property or by {@link RunOptions#withLoop(LoopKind)}.
 */
public enum LoopKind {
    /** {@link SelectorEventLoop}, the default: readiness through {@link java.nio.channels.Selector}. */
    SELECTOR,
    /** {@link VirtualTimeEventLoop}, for tests: timers fire at once when nothing else is ready. */
    VIRTUAL,
    /**
     * The io_uring loop of {@code io.jasyncio:jasyncio-uring} (Linux 5.19 or newer), through
     * its {@link EventLoopProvider} named {@code uring}.
     */
    URING,
    /**
     * {@link #URING} when it is on the class path and can run here, else {@link #SELECTOR},
     * without complaint; says which it picked and why through {@code System.Logger}
     * {@code io.jasyncio} (at INFO in debug mode, at DEBUG otherwise).
     */
    AUTO;

    /**
     * A new loop of this kind.
     *
     * @throws UnsupportedOperationException for {@link #URING} when it cannot run here: its
     *         message is {@link #unavailableReason()}, which names the missing artifact and flags,
     *         or the cause the provider found (kernel too old, {@code kernel.io_uring_disabled},
     *         a seccomp filter, a missing JVM flag)
     */
    public EventLoop create() {
        return LoopSelection.create(this, LoopSelection.installed(), Boolean.getBoolean("jasyncio.debug"));
    }

    /**
     * Null when {@link #create()} can make a loop of this kind here; otherwise one sentence that
     * says why not. Always null for {@link #SELECTOR}, {@link #VIRTUAL} and {@link #AUTO} (which
     * falls back). Cheap after the first call (the provider probes once), and creates no loop,
     * so tests use it to skip with a reason.
     */
    public String unavailableReason() {
        return LoopSelection.unavailableReason(this, LoopSelection.installed());
    }

    /**
     * Whether the code for this kind is on the class path: false only for {@link #URING}
     * without {@code jasyncio-uring}. An installed kind may still be unavailable (see
     * {@link #unavailableReason()}).
     */
    public boolean isInstalled() {
        return LoopSelection.isInstalled(this, LoopSelection.installed());
    }

    /**
     * The kind named by {@code -Djasyncio.loop}, or {@link #SELECTOR}.
     *
     * @throws IllegalArgumentException if the property names no kind
     */
    public static LoopKind fromSystemProperty() {
        String name = System.getProperty("jasyncio.loop");
        return name == null || name.isBlank() ? SELECTOR : parse(name);
    }

    /**
     * The kind with this name, case-insensitive.
     *
     * @throws IllegalArgumentException if there is no such kind
     */
    public static LoopKind parse(String name) {
        for (LoopKind k : values()) {
            if (k.name().equalsIgnoreCase(name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown event loop '" + name + "'; known: selector, virtual, uring, auto");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
