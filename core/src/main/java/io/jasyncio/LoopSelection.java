package io.jasyncio;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * How {@link LoopKind} turns a kind into a loop: the built-in kinds directly, {@link LoopKind#URING}
 * through the {@link EventLoopProvider} named {@code uring}, {@link LoopKind#AUTO} by trying that
 * first. The provider lookup is a parameter so that tests can hand in providers of their own.
 */
final class LoopSelection {
    /*
     * Implementation notes.
     *
     * Providers are looked up once per JVM, with LoopKind's own class loader, not the thread's
     * context loader: the answer must not depend on which thread first asked. A provider whose
     * class fails to load (a ServiceConfigurationError) counts as missing, and its error is kept
     * for the message, because "not on the class path" would then be a false lead.
     */
    static final String URING_ARTIFACT = "io.jasyncio:jasyncio-uring";
    static final String URING_FLAGS = "--add-exports java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED";
    private static final System.Logger LOG = System.getLogger("io.jasyncio");

    private LoopSelection() {
    }

    /** The providers on the class or module path, by name (looked up once). */
    static Function<String, EventLoopProvider> installed() {
        return Installed.BY_NAME::get;
    }

    /** The provider name behind {@code kind}, or null for a kind core implements itself. */
    static String providerName(LoopKind kind) {
        return kind == LoopKind.URING ? "uring" : null;
    }

    static boolean isInstalled(LoopKind kind, Function<String, EventLoopProvider> lookup) {
        String name = providerName(kind);
        return name == null || lookup.apply(name) != null;
    }

    static String unavailableReason(LoopKind kind, Function<String, EventLoopProvider> lookup) {
        String name = providerName(kind);
        if (name == null) {
            return null;
        }
        EventLoopProvider p = lookup.apply(name);
        return p == null ? missingMessage() : p.unavailableReason();
    }

    static EventLoop create(LoopKind kind, Function<String, EventLoopProvider> lookup, boolean debug) {
        return switch (kind) {
            case SELECTOR -> new SelectorEventLoop();
            case VIRTUAL -> new VirtualTimeEventLoop();
            case URING -> createUring(lookup);
            case AUTO -> createAuto(lookup, debug);
        };
    }

    private static EventLoop createUring(Function<String, EventLoopProvider> lookup) {
        EventLoopProvider p = lookup.apply("uring");
        if (p == null) {
            throw new UnsupportedOperationException(missingMessage());
        }
        String reason = p.unavailableReason();
        if (reason != null) {
            throw new UnsupportedOperationException(reason);
        }
        return p.create();
    }

    private static EventLoop createAuto(Function<String, EventLoopProvider> lookup, boolean debug) {
        Level level = debug ? Level.INFO : Level.DEBUG;
        EventLoopProvider p = lookup.apply("uring");
        String why;
        if (p == null) {
            why = URING_ARTIFACT + " is not on the class path";
        } else {
            why = p.unavailableReason();
            if (why == null) {
                try {
                    EventLoop loop = p.create();
                    LOG.log(level, "jasyncio.loop=auto: using the uring loop (io_uring is available)");
                    return loop;
                } catch (UnsupportedOperationException e) {
                    why = e.getMessage();
                }
            }
        }
        LOG.log(level, "jasyncio.loop=auto: using the selector loop; io_uring is not used: " + why);
        return new SelectorEventLoop();
    }

    private static String missingMessage() {
        String failed = Installed.loadError == null ? "" : " (a provider failed to load: " + Installed.loadError + ")";
        return "the uring loop needs " + URING_ARTIFACT + " on the class path" + failed
                + ", and the JVM started with " + URING_FLAGS;
    }

    private static final class Installed {
        static String loadError;
        static final Map<String, EventLoopProvider> BY_NAME = load();

        private static Map<String, EventLoopProvider> load() {
            Map<String, EventLoopProvider> byName = new HashMap<>();
            Iterator<EventLoopProvider> it = ServiceLoader.load(EventLoopProvider.class, LoopKind.class.getClassLoader()).iterator();
            // A malformed services file can fail every hasNext(); a bound keeps that from spinning.
            for (int errors = 0; errors < 8; ) {
                try {
                    if (!it.hasNext()) {
                        return Map.copyOf(byName);
                    }
                    EventLoopProvider p = it.next();
                    byName.putIfAbsent(p.name(), p);
                } catch (ServiceConfigurationError e) {
                    loadError = String.valueOf(e.getMessage());
                    errors++;
                }
            }
            return Map.copyOf(byName);
        }
    }
}
