package io.jasyncio.uring;

/**
 * Receives the completion queue entries of one submitted operation, by the user_data token
 * {@link UringBackend#register} gave it.
 *
 * <p>Called on the loop thread while the backend reaps (during {@link UringBackend#poll}, or
 * while a deregistration or close waits), in CQE order. It must not run user code: it hands
 * follow-up work to {@link UringBackend#ready(Runnable)}. For a multishot operation it is called
 * once per CQE; {@code flags} has {@link Uring#IORING_CQE_F_MORE} while more will come, and
 * {@link Uring#IORING_CQE_F_BUFFER} with the buffer id in {@code flags >>> 16} for provided
 * buffers.
 */
@FunctionalInterface
interface Completion {
    /**
     * One CQE of the operation.
     *
     * @param res the result: a count or descriptor, or {@code -errno}
     * @param flags the CQE's flags (IORING_CQE_F_*)
     */
    void complete(int res, int flags);
}
