package io.jasyncio;

import java.util.Locale;
import java.util.function.Supplier;

/** The event loop implementations, by the name {@code -Djasyncio.loop=NAME} selects them. */
public enum LoopKind {
    /** {@link SelectorEventLoop}, the default. */
    SELECTOR(SelectorEventLoop::new),
    /** {@link VirtualTimeEventLoop}, for tests. */
    VIRTUAL(VirtualTimeEventLoop::new);

    private final Supplier<EventLoop> factory;

    LoopKind(Supplier<EventLoop> factory) {
        this.factory = factory;
    }

    /** A new loop of this kind. */
    public EventLoop create() {
        return factory.get();
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
        throw new IllegalArgumentException("unknown event loop '" + name + "'; known: selector, virtual");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
