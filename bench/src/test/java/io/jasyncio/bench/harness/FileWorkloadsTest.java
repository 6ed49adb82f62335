package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.bench.files.ChannelFileRead;
import io.jasyncio.bench.files.FileArgs;
import io.jasyncio.bench.files.FileManifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11's file rows: data sets, manifests, commands, checks and options (no measured run: BenchSmokeTest runs them). */
class FileWorkloadsTest {
    @TempDir
    Path benchDir;

    private Env env() {
        return new Env(Path.of("/jdk/bin/java"), "/cp", List.of("-Xmx1g"), Path.of("/usr/bin/python3"), benchDir, true, 60, "");
    }

    private final Workload read = Workloads.named("file-read").orElseThrow();
    private final Workload small = Workloads.named("file-small").orElseThrow();

    @Test
    void workloadsReadOneGibIn64KibChunksAndTenThousandSmallFilesHundredOpen() {
        assertEquals(Size.of(1024, "65536"), read.full());
        assertEquals(Size.of(10_000, "4096", "100"), small.full());
        assertEquals(Metric.SECONDS, read.metric());
        assertTrue(read.files() && small.files());
        assertFalse(read.network() || read.oneCore(), "not pinned: each runtime uses the threads it uses");
        assertEquals(List.of(), read.targets(), "issue 11 names no file target: ratios only");
        for (Workload w : List.of(read, small)) {
            assertEquals(List.of(Contender.JASYNCIO, Contender.JASYNCIO_URING, Contender.ASYNCIO, Contender.VIRTUAL_THREADS),
                    w.runners().stream().map(Runner::contender).toList());
        }
    }

    @Test
    void manifestRoundTripsAndRejectsAnythingElse() {
        FileManifest m = new FileManifest(1073741824L, 4294967295L);
        assertEquals("bytes=1073741824 crc32=4294967295\n", m.line());
        assertEquals(m, FileManifest.parse(m.line()));
        assertThrows(IllegalArgumentException.class, () -> FileManifest.parse("bytes=1"));
        assertThrows(IllegalArgumentException.class, () -> FileManifest.parse("crc32=1 bytes=1"));
        assertThrows(IllegalArgumentException.class, () -> FileManifest.parse("bytes=x crc32=1"));
        assertEquals(Path.of("/d/small-3x4.manifest"), FileManifest.pathOf(Path.of("/d/small-3x4")));
    }

    @Test
    void programArgumentsAreCountsThenTheDataSet() {
        assertEquals(new FileArgs(1024, 65536, 0, Path.of("/f")), FileArgs.read(new String[] {"1024", "65536", "/f"}));
        FileArgs s = FileArgs.small(new String[] {"10_000", "4096", "100", "/d"});
        assertEquals(new FileArgs(10_000, 4096, 100, Path.of("/d")), s);
        assertEquals(Path.of("/d/42"), s.smallFile(42));
        assertThrows(IllegalArgumentException.class, () -> FileArgs.read(new String[] {"1", "/f"}));
        assertThrows(IllegalArgumentException.class, () -> FileArgs.small(new String[] {"0", "1", "1", "/d"}));
    }

    @Test
    void bigFileIsMadeOnceWithItsChecksumAndRemadeWhenItIsWrong() throws IOException {
        FileManifest m = FileData.big(benchDir, 2);
        Path file = FileData.bigFile(benchDir, 2);
        assertEquals(2L << 20, Files.size(file));
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        assertEquals(new FileManifest(2L << 20, crc.getValue()), m);
        assertEquals(m, FileManifest.read(file));
        // the same seed gives the same bytes: another directory, the same manifest
        Path other = benchDir.resolve("other");
        assertEquals(m, FileData.big(other, 2));
    }

    @Test
    void smallFilesAreMadeWithTheSumOfTheirChecksumsAndACorruptSetIsRemade() throws IOException {
        Path dirA = benchDir.resolve("a");
        FileManifest m = FileData.small(dirA, 20, 100);
        Path dir = FileData.smallDir(dirA, 20, 100);
        long sum = 0;
        for (int i = 0; i < 20; i++) {
            byte[] b = Files.readAllBytes(dir.resolve(Integer.toString(i)));
            assertEquals(100, b.length);
            sum += FileManifest.crc32(b, b.length);
        }
        assertEquals(new FileManifest(2000, sum), m);
        // a truncated file is found by the next harness run's check, and the set is written anew
        Path victim = dir.resolve("7");
        Files.write(victim, new byte[3]);
        FileData.forget(dir);
        FileManifest again = FileData.small(dirA, 20, 100);
        assertEquals(100, Files.size(victim));
        assertEquals(m, again);
    }

    @Test
    void streamIsSplitmix64LittleEndian() {
        ByteBuffer b = ByteBuffer.allocate(11);
        long[] state = {0};
        FileData.fill(b, state);
        // splitmix64 from state 0: first output 0xE220A8397B1DCDAF
        assertEquals((byte) 0xAF, b.get(0));
        assertEquals((byte) 0xE2, b.get(7));
        assertEquals(2 * 0x9E3779B97F4A7C15L, state[0]);
    }

    @Test
    void commandsAreTheProgramAtItsSizeThenTheDataSetNeverPinned() {
        Env env = env();
        Size size = read.full();
        Path data = FileData.bigFile(benchDir, 1024);
        List<String> vt = FileRunner.java(Contender.VIRTUAL_THREADS, ChannelFileRead.class).command(env, read, size);
        assertEquals(List.of("/jdk/bin/java", "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "-Xmx1g", "-cp", "/cp",
                ChannelFileRead.class.getName(), "1024", "65536", data.toString()), vt);
        List<String> uring = FileRunner.java(Contender.JASYNCIO_URING, ChannelFileRead.class).command(env, read, size);
        assertTrue(uring.containsAll(Env.URING_FLAGS), uring.toString());
        List<String> py = FileRunner.python("file_small.py").command(env, small, small.full());
        assertEquals(List.of("/usr/bin/python3", "-E", "-s", benchDir.resolve("python/file_small.py").toString(), "10000", "4096",
                "100", FileData.smallDir(benchDir, 10_000, 4096).toString()), py);
        assertFalse(py.contains("taskset") || vt.contains("taskset"));
        assertThrows(IllegalArgumentException.class, () -> new FileRunner(Contender.NETTY, "x", null));
    }

    @Test
    void aiofilesDecidesTheAsyncioColumnAndAProgramNotWrittenSaysWhy() {
        Map<Contender, Availability> peers = new EnumMap<>(Contender.class);
        peers.put(Contender.ASYNCIO, Availability.of("3.11.2"));
        peers.put(Contender.AIOFILES, Availability.missing("aiofiles not importable"));
        assertEquals(Availability.missing("aiofiles not importable"), FileRunner.python("file_read.py").availability(peers));
        peers.put(Contender.AIOFILES, Availability.of("23.1.0"));
        assertEquals(Availability.of("23.1.0"), FileRunner.python("file_read.py").availability(peers));
        peers.put(Contender.ASYNCIO, Availability.missing("no python"));
        assertEquals(Availability.missing("no python"), FileRunner.python("file_read.py").availability(peers));
        assertEquals(Availability.missing("later"), FileRunner.notYet(Contender.JASYNCIO, "later").availability(peers));
        // the io_uring column needs the loop and AsyncFile's ring backend on it
        FileRunner uring = FileRunner.java(Contender.JASYNCIO_URING, ChannelFileRead.class);
        peers.put(Contender.JASYNCIO_URING, Availability.missing("io_uring disabled"));
        peers.put(Contender.URING_FILES, Availability.of("io_uring"));
        assertEquals(Availability.missing("io_uring disabled"), uring.availability(peers));
        peers.put(Contender.JASYNCIO_URING, Availability.of("kernel 6.18"));
        peers.put(Contender.URING_FILES, Availability.missing("threads backend"));
        assertEquals(Availability.missing("threads backend"), uring.availability(peers));
        peers.put(Contender.URING_FILES, Availability.of("io_uring"));
        assertTrue(uring.availability(peers).available());
    }

    @Test
    void aResultWhoseBytesOrChecksumDifferFromTheManifestFails() {
        FileManifest m = new FileManifest(100, 7);
        Measurement good = new Measurement(Contender.ASYNCIO, "c", Map.of("seconds", 1.0, "bytes", 100.0, "crc32", 7.0), null);
        assertSame(good, FileRunner.checked(good, m));
        Measurement bad = FileRunner.checked(new Measurement(Contender.ASYNCIO, "c",
                Map.of("seconds", 1.0, "bytes", 100.0, "crc32", 8.0), null), m);
        assertFalse(bad.ok());
        assertTrue(bad.error().contains("read 100 bytes with crc32 8, the data set has 100 with crc32 7"), bad.error());
        assertFalse(FileRunner.checked(new Measurement(Contender.ASYNCIO, "c", Map.of("seconds", 1.0), null), m).ok());
    }

    @Test
    void sizeOptionResizesTheFileWorkloadsAndUsageNamesThem() {
        Options o = Options.parse(List.of("--size", "16", "file-read", "file-small"));
        assertEquals(List.of(read, small), o.workloads());
        assertEquals(Size.of(16, "65536"), o.sizeOf(read));
        assertEquals(Size.of(16, "4096", "100"), o.sizeOf(small));
        assertFalse(o.judgesTargets());
        assertTrue(Options.USAGE.contains("file-read") && Options.USAGE.contains("file-small"), Options.USAGE);
        assertTrue(Options.USAGE.contains("python3-aiofiles"));
        assertTrue(Options.USAGE.contains("jasyncio io_uring") && Options.USAGE.contains("Netty io_uring"));
    }

    @Test
    void reportExplainsTheFileColumns() {
        Measurement vt = new Measurement(Contender.VIRTUAL_THREADS, "c", Map.of("seconds", 2.0, "bytes", 1.0, "crc32", 1.0), null);
        Measurement j = new Measurement(Contender.JASYNCIO_URING, "c", Map.of("seconds", 1.0, "bytes", 1.0, "crc32", 1.0), null);
        WorkloadResult r = new WorkloadResult(read, read.full(), Map.of(Contender.VIRTUAL_THREADS, List.of(vt),
                Contender.JASYNCIO_URING, List.of(j)));
        Map<Contender, Availability> peers = new EnumMap<>(Contender.class);
        for (Contender c : Contender.values()) {
            peers.put(c, Availability.of("1"));
        }
        String table = Report.table(List.of(r), peers, 3);
        assertTrue(table.contains("asyncio = aiofiles"), table);
        assertTrue(table.contains("page cache is warm"), table);
        assertTrue(table.contains("2.0x (jasyncio faster)"), table);
    }
}
