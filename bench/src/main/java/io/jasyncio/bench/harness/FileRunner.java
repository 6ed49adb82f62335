package io.jasyncio.bench.harness;

import io.jasyncio.bench.files.FileManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one file workload program (a Java main class, or a script under bench/python) as its own
 * process, after making sure its data set exists and is warm ({@link FileData}); the program gets
 * the workload's size arguments and then the data set's path, checks what it read against the
 * manifest itself, and this runner checks the bytes and checksum of its result line again.
 *
 * @param contender the column it fills (jasyncio, jasyncio io_uring, asyncio = aiofiles, virtual threads = FileChannel)
 * @param program the Java class name, or the script's file name for {@link Contender#ASYNCIO}
 * @param missing why this program cannot run yet (shown instead of its numbers), or null
 */
record FileRunner(Contender contender, String program, String missing) implements Runner {
    /** The workload names, and so which data set a runner prepares. */
    static final String READ = "file-read";
    static final String SMALL = "file-small";

    FileRunner {
        if (contender != Contender.JASYNCIO && contender != Contender.JASYNCIO_URING && contender != Contender.ASYNCIO
                && contender != Contender.VIRTUAL_THREADS) {
            throw new IllegalArgumentException("a file program runs on jasyncio, jasyncio io_uring, asyncio or virtual threads, not "
                    + contender);
        }
    }

    static FileRunner java(Contender contender, Class<?> mainClass) {
        return new FileRunner(contender, mainClass.getName(), null);
    }

    static FileRunner python(String script) {
        return new FileRunner(Contender.ASYNCIO, script, null);
    }

    /** A program not written yet: its column says {@code reason}. */
    static FileRunner notYet(Contender contender, String reason) {
        return new FileRunner(contender, "(not available)", reason);
    }

    /** The data set {@code workload} reads at {@code size}, from the bench directory. */
    static java.nio.file.Path data(Env env, Workload workload, Size size) {
        return switch (workload.reports()) {
            case READ -> FileData.bigFile(env.benchDir(), size.n());
            case SMALL -> FileData.smallDir(env.benchDir(), size.n(), Integer.parseInt(size.extraArgs().getFirst()));
            default -> throw new IllegalArgumentException("not a file workload: " + workload.name());
        };
    }

    /** The command: the program at {@code size}, then the data set's path. Not pinned: see the README. */
    List<String> command(Env env, Workload workload, Size size) {
        List<String> cmd = new ArrayList<>(switch (contender) {
            case JASYNCIO, VIRTUAL_THREADS -> env.javaCommand(program, false, size);
            case JASYNCIO_URING -> env.javaCommand(program, false, size, Env.URING_FLAGS);
            default -> env.pythonCommand(program, false, false, size);
        });
        cmd.add(data(env, workload, size).toString());
        return cmd;
    }

    @Override
    public String describe(Env env, Workload workload, Size size) {
        return Env.shellQuote(command(env, workload, size));
    }

    @Override
    public Availability availability(Map<Contender, Availability> peers) {
        if (missing != null) {
            return Availability.missing(missing);
        }
        Availability own = peers.get(contender);
        if (contender == Contender.JASYNCIO_URING && own != null && own.available()) {
            Availability files = peers.get(Contender.URING_FILES);
            return files == null ? Availability.missing("AsyncFile on the io_uring loop was not probed") : files;
        }
        if (contender == Contender.ASYNCIO && own != null && own.available()) {
            Availability aiofiles = peers.get(Contender.AIOFILES);
            return aiofiles == null ? Availability.missing("aiofiles was not probed") : aiofiles;
        }
        return own;
    }

    /** The manifest of the data set, made or checked (and warmed) first. */
    static FileManifest prepare(Env env, Workload workload, Size size) throws IOException {
        return switch (workload.reports()) {
            case READ -> FileData.big(env.benchDir(), size.n());
            case SMALL -> FileData.small(env.benchDir(), size.n(), Integer.parseInt(size.extraArgs().getFirst()));
            default -> throw new IllegalArgumentException("not a file workload: " + workload.name());
        };
    }

    @Override
    public Measurement run(Env env, Workload workload, Size size) {
        List<String> command = command(env, workload, size);
        String shown = Env.shellQuote(command);
        FileManifest manifest;
        try {
            manifest = prepare(env, workload, size);
        } catch (IOException e) {
            return Measurement.failed(contender, shown, "cannot make the data set: " + e);
        }
        ProcessRunner.Finished done = ProcessRunner.runToEnd(command, env.benchDir(), env.timeoutSeconds());
        if (done.error() != null) {
            return Measurement.failed(contender, shown, done.error());
        }
        Measurement m = ProcessRunner.measurement(contender, shown, workload, done.stdout(), done.stderr());
        return m.ok() ? checked(m, manifest) : m;
    }

    /** {@code m}, or a failure when its {@code bytes} or {@code crc32} field is not the manifest's. */
    static Measurement checked(Measurement m, FileManifest manifest) {
        double bytes = m.number("bytes");
        double crc = m.number("crc32");
        if (bytes != manifest.bytes() || crc != manifest.crc32()) {
            return Measurement.failed(m.contender(), m.command(), "read " + (long) bytes + " bytes with crc32 " + (long) crc
                    + ", the data set has " + manifest.bytes() + " with crc32 " + manifest.crc32());
        }
        return m;
    }
}
