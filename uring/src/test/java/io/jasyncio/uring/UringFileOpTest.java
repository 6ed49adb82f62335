package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link UringFileOp}'s cancellation on a read that really waits in the kernel (a pipe with no
 * data): the task leaves at once, the kernel's answer still arrives and goes to the orphan
 * handler (where the memory is given back), and the cancelled read took nothing from the pipe.
 */
class UringFileOpTest {
    /** Long enough for a poll to submit the read; the read itself never completes by itself. */
    private static final Duration SUBMITTED = Duration.ofMillis(50);

    @Test
    void aCancelledReadIsCancelledInTheKernelAndItsMemoryHeldUntilTheCqe() throws Exception {
        Pipe pipe = Pipe.open();
        try (UringEventLoop loop = new UringEventLoop(); Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            int fd = ((sun.nio.ch.SelChImpl) source).getFDVal();
            ByteBuffer buf = ByteBuffer.allocateDirect(16);
            List<Integer> orphaned = new ArrayList<>();
            loop.runUntilComplete(() -> {
                UringFileOp op = new UringFileOp(loop.backend(), loop, orphaned::add, null);
                Task<Integer> reading = Asyncio.createTask(() -> {
                    MemorySegment sqe = op.sqe(Uring.IORING_OP_READ, fd);
                    Sqe.addr(sqe, Sqe.address(buf, 0));
                    Sqe.len(sqe, 16);
                    Sqe.off(sqe, -1);
                    return op.await();
                });
                Asyncio.sleep(SUBMITTED);
                assertTrue(op.inFlight(), "the read waits in the kernel");
                assertEquals(1, loop.backend().registrationCount(), "an op in flight counts as a registration");
                reading.cancel();
                assertThrows(CancelledError.class, reading::await);
                assertTrue(orphaned.isEmpty() || !op.inFlight(), "the orphan handler runs only after the CQE");
                while (op.inFlight()) {
                    Asyncio.sleep(Duration.ofMillis(1));
                }
                Asyncio.sleep(Duration.ZERO);
                assertEquals(List.of(-UringFileErrors.ECANCELED), orphaned, "the kernel cancelled the read");
                assertEquals(0, loop.backend().registrationCount());
                return null;
            });
            sink.write(ByteBuffer.wrap(new byte[] {42}));
            ByteBuffer got = ByteBuffer.allocate(1);
            assertEquals(1, source.read(got));
            assertEquals(42, got.get(0), "the cancelled read took nothing from the pipe");
        }
    }

    @Test
    void aResultThatCameBeforeTheTaskResumedGoesToTheOrphanHandlerOnce() throws Exception {
        try (UringEventLoop loop = new UringEventLoop()) {
            List<Integer> orphaned = new ArrayList<>();
            loop.runUntilComplete(() -> {
                UringFileOp op = new UringFileOp(loop.backend(), loop, orphaned::add, null);
                Task<Integer> waiting = Asyncio.createTask(() -> {
                    op.sqe(Uring.IORING_OP_NOP, -1);
                    return op.await();
                });
                Asyncio.sleep(Duration.ZERO);
                while (!op.future().isDone()) {
                    Asyncio.sleep(Duration.ZERO);
                }
                // The NOP's result is in the future and the task is scheduled to resume: cancel it now.
                waiting.cancel();
                assertThrows(CancelledError.class, waiting::await);
                assertEquals(List.of(0), orphaned);
                return null;
            });
        }
    }
}
