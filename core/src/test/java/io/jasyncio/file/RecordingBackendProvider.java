package io.jasyncio.file;

import io.jasyncio.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test provider (registered in this module's test resources) that serves only the loops a test
 * claims, with a backend that records each call and passes it to the virtual-thread backend.
 */
public final class RecordingBackendProvider implements FileBackendProvider {
    private static final Map<EventLoop, List<String>> CLAIMED = Collections.synchronizedMap(new WeakHashMap<>());

    /** Used by {@link java.util.ServiceLoader}. */
    public RecordingBackendProvider() {
    }

    /** Makes files opened on {@code loop} use the recording backend; returns the calls' log. */
    static List<String> claim(EventLoop loop) {
        List<String> log = new CopyOnWriteArrayList<>();
        CLAIMED.put(loop, log);
        return log;
    }

    @Override
    public FileBackend fileBackend(EventLoop loop) {
        List<String> log = CLAIMED.get(loop);
        return log == null ? null : new Recording(log);
    }

    private record Recording(List<String> log) implements FileBackend {
        @Override
        public String name() {
            return "recording";
        }

        @Override
        public FileHandle open(Path path, Set<OpenOption> options, FileAttribute<?>... attributes) throws IOException {
            log.add("open " + path.getFileName() + " " + new java.util.TreeSet<>(options.stream().map(Object::toString).toList()));
            FileHandle h = ThreadFileBackend.INSTANCE.open(path, options, attributes);
            return new FileHandle() {
                @Override
                public int read(ByteBuffer dst, long position) throws IOException {
                    log.add("read " + position);
                    return h.read(dst, position);
                }

                @Override
                public int write(ByteBuffer src, long position) throws IOException {
                    log.add("write " + position);
                    return h.write(src, position);
                }

                @Override
                public long size() throws IOException {
                    log.add("size");
                    return h.size();
                }

                @Override
                public void truncate(long size) throws IOException {
                    log.add("truncate " + size);
                    h.truncate(size);
                }

                @Override
                public void force(boolean metadata) throws IOException {
                    log.add("force " + metadata);
                    h.force(metadata);
                }

                @Override
                public void close() throws IOException {
                    log.add("close");
                    h.close();
                }
            };
        }
    }
}
