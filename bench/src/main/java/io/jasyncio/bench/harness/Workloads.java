package io.jasyncio.bench.harness;

import static io.jasyncio.bench.harness.ProcessRunner.java;
import static io.jasyncio.bench.harness.ProcessRunner.python;
import static io.jasyncio.bench.harness.Contender.*;

import io.jasyncio.bench.PingPong;
import io.jasyncio.bench.Sleeps;
import io.jasyncio.bench.SpawnGather;
import io.jasyncio.bench.Suspended;
import io.jasyncio.bench.Switch;
import io.jasyncio.bench.VirtualThreadPingPong;
import io.jasyncio.bench.VirtualThreadSleeps;
import io.jasyncio.bench.VirtualThreadSpawn;
import io.jasyncio.bench.VirtualThreadSuspended;
import io.jasyncio.bench.VirtualThreadSwitch;
import java.util.List;
import java.util.Optional;

/** The workloads of issue 5 (the network ones join this list when networking lands). */
final class Workloads {
    private Workloads() {
    }

    static final List<Workload> ALL = List.of(
            new Workload("spawn", "spawn+await N trivial tasks, each yielding once; one core", true,
                    Size.of(1_000_000), Size.of(1_000), Metric.SECONDS,
                    List.of(java(JASYNCIO, SpawnGather.class), python(ASYNCIO, "spawn_gather.py"),
                            python(UVLOOP, "spawn_gather.py"), java(VIRTUAL_THREADS, VirtualThreadSpawn.class)),
                    List.of(Target.ratioAtLeast(ASYNCIO, 20), Target.ratioAtLeast(VIRTUAL_THREADS, 4))),
            new Workload("pingpong", "N round trips through two Queue(maxsize=1) (virtual threads: SynchronousQueue); one core", true,
                    Size.of(1_000_000), Size.of(1_000), Metric.SECONDS,
                    List.of(java(JASYNCIO, PingPong.class), python(ASYNCIO, "pingpong.py"),
                            python(UVLOOP, "pingpong.py"), java(VIRTUAL_THREADS, VirtualThreadPingPong.class)),
                    List.of(Target.ratioAtLeast(ASYNCIO, 25), Target.ratioAtLeast(VIRTUAL_THREADS, 1.5))),
            new Workload("switch", "N task switches between two tasks, each a sleep(0) (virtual threads: Thread.yield); one core", true,
                    Size.of(1_000_000), Size.of(1_000), Metric.SECONDS,
                    List.of(java(JASYNCIO, Switch.class), python(ASYNCIO, "switch.py"),
                            python(UVLOOP, "switch.py"), java(VIRTUAL_THREADS, VirtualThreadSwitch.class)),
                    List.of()),
            new Workload("sleeps", "N concurrent sleeps, seeded uniform in [0, span); wall overshoot past the longest; one core", true,
                    Size.of(100_000, "1000"), Size.of(1_000, "100"), Metric.OVERSHOOT_MS,
                    List.of(java(JASYNCIO, Sleeps.class), python(ASYNCIO, "sleeps.py"),
                            python(UVLOOP, "sleeps.py"), java(VIRTUAL_THREADS, VirtualThreadSleeps.class)),
                    List.of(Target.valueAtMost(30))),
            new Workload("suspended", "heap per task with N tasks suspended at once on an Event (virtual threads: CountDownLatch)", false,
                    Size.of(1_000_000), Size.of(1_000), Metric.BYTES_PER_TASK,
                    List.of(java(JASYNCIO, Suspended.class), python(ASYNCIO, "suspended_memory.py"),
                            java(VIRTUAL_THREADS, VirtualThreadSuspended.class)),
                    List.of(Target.valueAtMost(1024))));

    /** The workload called {@code name}, if any. */
    static Optional<Workload> named(String name) {
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst();
    }
}
