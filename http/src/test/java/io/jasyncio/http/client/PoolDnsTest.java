package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.LoopKind;
import io.jasyncio.Task;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DNS cache: TTL, shared concurrent lookups, failures, literals; on virtual time. */
class PoolDnsTest {
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final Duration LOOKUP_TIME = Duration.ofSeconds(1);

    private final List<String> lookups = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    private final ClientListener listener = new ClientListener() {
        @Override
        public void dnsStart(String host) {
            events.add("start " + host);
        }

        @Override
        public void dnsEnd(String host, List<InetAddress> addresses, boolean cached) {
            events.add("end " + host + " " + addresses.size() + (cached ? " cached" : ""));
        }
    };

    private DnsCache cache(Duration ttl) {
        return new DnsCache(ttl, host -> {
            lookups.add(host);
            Asyncio.sleep(LOOKUP_TIME);
            if (host.startsWith("bad")) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByAddress(host, new byte[] {10, 0, 0, (byte) lookups.size()}));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void anAnswerIsReusedForTheTtlThenLookedUpAgain(LoopHarness h) {
        h.runBounded(() -> {
            DnsCache dns = cache(TTL);
            InetAddress first = dns.resolve("a.test", listener).getFirst();
            Asyncio.sleep(TTL.minusSeconds(5));
            assertEquals(first, dns.resolve("a.test", listener).getFirst());
            assertEquals(List.of("a.test"), lookups);
            Asyncio.sleep(TTL);
            assertFalse(first.equals(dns.resolve("a.test", listener).getFirst()));
            assertEquals(List.of("a.test", "a.test"), lookups);
            assertEquals(List.of("start a.test", "end a.test 1", "start a.test", "end a.test 1 cached", "start a.test", "end a.test 1"), events);
            dns.close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void concurrentLookupsOfOneHostShareOneAndACancelledSharerDoesNotCancelIt(LoopHarness h) {
        h.runBounded(() -> {
            DnsCache dns = cache(Duration.ZERO);
            Task<List<InetAddress>> a = Asyncio.createTask(() -> dns.resolve("b.test", listener));
            Task<List<InetAddress>> b = Asyncio.createTask(() -> dns.resolve("b.test", listener));
            Task<List<InetAddress>> c = Asyncio.createTask(() -> dns.resolve("b.test", listener));
            Asyncio.sleep(Duration.ZERO);
            a.cancel();
            assertThrows(CancelledError.class, a::await);
            assertEquals(b.await(), c.await());
            assertEquals(List.of("b.test"), lookups);
            assertEquals(0, dns.size());
            dns.resolve("b.test", listener);
            assertEquals(2, lookups.size());
            dns.close();
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR)
    void theSystemLookupOfANameThatDoesNotResolveNamesTheHostAndNoPort(LoopHarness h) {
        h.runBounded(() -> {
            // .invalid never resolves (RFC 6761 §6.4); the lookup is by name, for every port.
            UnknownHostException e = assertThrows(UnknownHostException.class, () -> DnsCache.SYSTEM.lookup("no-such-host.invalid"));
            assertTrue(e.getMessage().startsWith("cannot resolve no-such-host.invalid"), e.getMessage());
            assertFalse(e.getMessage().contains("port"), e.getMessage());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aFailedLookupReachesEverySharerAndIsNotCached(LoopHarness h) {
        h.runBounded(() -> {
            DnsCache dns = cache(TTL);
            Task<List<InetAddress>> a = Asyncio.createTask(() -> dns.resolve("bad.test", listener));
            assertThrows(UnknownHostException.class, () -> dns.resolve("bad.test", listener));
            CompletionException e = assertThrows(CompletionException.class, a::await);
            assertInstanceOf(UnknownHostException.class, e.getCause());
            assertThrows(UnknownHostException.class, () -> dns.resolve("bad.test", listener));
            assertEquals(2, lookups.size());
            dns.close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void ipLiteralsNeedNoLookup(LoopHarness h) {
        h.runBounded(() -> {
            DnsCache dns = cache(TTL);
            assertEquals(InetAddress.getByName("192.0.2.7"), dns.resolve("192.0.2.7", listener).getFirst());
            assertEquals(InetAddress.getByName("::1"), dns.resolve("::1", listener).getFirst());
            assertTrue(lookups.isEmpty());
            assertTrue(events.isEmpty());
            dns.close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void closeCancelsALookupInProgress(LoopHarness h) {
        h.runBounded(() -> {
            DnsCache dns = cache(TTL);
            Task<List<InetAddress>> a = Asyncio.createTask(() -> dns.resolve("c.test", listener));
            Asyncio.sleep(Duration.ZERO);
            dns.close();
            assertThrows(CancelledError.class, a::await);
        });
    }

    /** On the selector loop only: a lookup runs on a worker thread, which does not hold virtual time back. */
    @LoopTest(loops = LoopKind.SELECTOR)
    void theSystemLookupResolvesLocalhost(LoopHarness h) {
        h.runBounded(() -> {
            List<InetAddress> all = DnsCache.SYSTEM.lookup("localhost");
            assertTrue(all.stream().anyMatch(InetAddress::isLoopbackAddress), all.toString());
        });
    }
}
