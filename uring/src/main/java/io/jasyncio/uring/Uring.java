package io.jasyncio.uring;

/**
 * Constants from {@code <linux/io_uring.h>} (and the poll bits of {@code <poll.h>}) with the
 * kernel version that introduced each, for the ring, its readiness backend and the completion
 * transports and file operations built on it.
 */
final class Uring {
    private Uring() {
    }

    // enum io_uring_op
    static final byte IORING_OP_NOP = 0;
    static final byte IORING_OP_READV = 1;
    static final byte IORING_OP_WRITEV = 2;
    static final byte IORING_OP_FSYNC = 3;
    static final byte IORING_OP_READ_FIXED = 4;
    static final byte IORING_OP_WRITE_FIXED = 5;
    static final byte IORING_OP_POLL_ADD = 6;
    static final byte IORING_OP_POLL_REMOVE = 7;
    static final byte IORING_OP_SYNC_FILE_RANGE = 8;
    static final byte IORING_OP_SENDMSG = 9;
    static final byte IORING_OP_RECVMSG = 10;
    static final byte IORING_OP_TIMEOUT = 11;
    static final byte IORING_OP_TIMEOUT_REMOVE = 12;
    static final byte IORING_OP_ACCEPT = 13;
    static final byte IORING_OP_ASYNC_CANCEL = 14;
    static final byte IORING_OP_LINK_TIMEOUT = 15;
    static final byte IORING_OP_CONNECT = 16;
    static final byte IORING_OP_FALLOCATE = 17;
    static final byte IORING_OP_OPENAT = 18;
    static final byte IORING_OP_CLOSE = 19;
    static final byte IORING_OP_FILES_UPDATE = 20;
    static final byte IORING_OP_STATX = 21;
    static final byte IORING_OP_READ = 22;
    static final byte IORING_OP_WRITE = 23;
    static final byte IORING_OP_FADVISE = 24;
    static final byte IORING_OP_MADVISE = 25;
    static final byte IORING_OP_SEND = 26;
    static final byte IORING_OP_RECV = 27;
    static final byte IORING_OP_OPENAT2 = 28;
    static final byte IORING_OP_EPOLL_CTL = 29;
    static final byte IORING_OP_SPLICE = 30;
    static final byte IORING_OP_PROVIDE_BUFFERS = 31;
    static final byte IORING_OP_REMOVE_BUFFERS = 32;
    static final byte IORING_OP_TEE = 33;
    static final byte IORING_OP_SHUTDOWN = 34;
    static final byte IORING_OP_RENAMEAT = 35;
    static final byte IORING_OP_UNLINKAT = 36;
    static final byte IORING_OP_MKDIRAT = 37;
    static final byte IORING_OP_SYMLINKAT = 38;
    static final byte IORING_OP_LINKAT = 39;
    static final byte IORING_OP_MSG_RING = 40;
    static final byte IORING_OP_SOCKET = 45;
    static final byte IORING_OP_SEND_ZC = 47;
    static final byte IORING_OP_SENDMSG_ZC = 48;
    static final byte IORING_OP_READ_MULTISHOT = 49;
    static final byte IORING_OP_FTRUNCATE = 55;

    // io_uring_sqe.flags
    static final byte IOSQE_FIXED_FILE = 1;
    static final byte IOSQE_IO_DRAIN = 1 << 1;
    static final byte IOSQE_IO_LINK = 1 << 2;
    static final byte IOSQE_IO_HARDLINK = 1 << 3;
    static final byte IOSQE_ASYNC = 1 << 4;
    static final byte IOSQE_BUFFER_SELECT = 1 << 5;
    static final byte IOSQE_CQE_SKIP_SUCCESS = 1 << 6;

    // io_uring_params.flags
    static final int IORING_SETUP_IOPOLL = 1;
    static final int IORING_SETUP_SQPOLL = 1 << 1;
    static final int IORING_SETUP_SQ_AFF = 1 << 2;
    static final int IORING_SETUP_CQSIZE = 1 << 3;
    static final int IORING_SETUP_CLAMP = 1 << 4;
    static final int IORING_SETUP_R_DISABLED = 1 << 6;
    static final int IORING_SETUP_SUBMIT_ALL = 1 << 7;
    static final int IORING_SETUP_COOP_TASKRUN = 1 << 8;
    static final int IORING_SETUP_TASKRUN_FLAG = 1 << 9;
    static final int IORING_SETUP_SINGLE_ISSUER = 1 << 12;
    static final int IORING_SETUP_DEFER_TASKRUN = 1 << 13;

    // io_uring_params.features
    static final int IORING_FEAT_SINGLE_MMAP = 1;
    static final int IORING_FEAT_NODROP = 1 << 1;
    static final int IORING_FEAT_SUBMIT_STABLE = 1 << 2;
    static final int IORING_FEAT_RW_CUR_POS = 1 << 3;
    static final int IORING_FEAT_FAST_POLL = 1 << 5;
    static final int IORING_FEAT_POLL_32BITS = 1 << 6;
    static final int IORING_FEAT_SQPOLL_NONFIXED = 1 << 7;
    /** EXT_ARG (a timeout on io_uring_enter): Linux 5.11. */
    static final int IORING_FEAT_EXT_ARG = 1 << 8;
    static final int IORING_FEAT_NATIVE_WORKERS = 1 << 9;
    static final int IORING_FEAT_CQE_SKIP = 1 << 11;

    // io_uring_enter flags
    static final int IORING_ENTER_GETEVENTS = 1;
    static final int IORING_ENTER_SQ_WAKEUP = 1 << 1;
    static final int IORING_ENTER_SQ_WAIT = 1 << 2;
    static final int IORING_ENTER_EXT_ARG = 1 << 3;

    // sq_ring flags
    static final int IORING_SQ_NEED_WAKEUP = 1;
    static final int IORING_SQ_CQ_OVERFLOW = 1 << 1;
    static final int IORING_SQ_TASKRUN = 1 << 2;

    // io_uring_cqe.flags
    static final int IORING_CQE_F_BUFFER = 1;
    static final int IORING_CQE_F_MORE = 1 << 1;
    static final int IORING_CQE_F_SOCK_NONEMPTY = 1 << 2;
    static final int IORING_CQE_F_NOTIF = 1 << 3;
    static final int IORING_CQE_BUFFER_SHIFT = 16;

    // poll op flags (sqe.len of IORING_OP_POLL_ADD / POLL_REMOVE)
    static final int IORING_POLL_ADD_MULTI = 1;
    static final int IORING_POLL_UPDATE_EVENTS = 1 << 1;
    static final int IORING_POLL_UPDATE_USER_DATA = 1 << 2;
    static final int IORING_POLL_ADD_LEVEL = 1 << 3;

    // async cancel flags (sqe.cancel_flags)
    static final int IORING_ASYNC_CANCEL_ALL = 1;
    static final int IORING_ASYNC_CANCEL_FD = 1 << 1;
    static final int IORING_ASYNC_CANCEL_ANY = 1 << 2;
    static final int IORING_ASYNC_CANCEL_FD_FIXED = 1 << 3;

    // send/recv flags (sqe.ioprio)
    static final short IORING_RECVSEND_POLL_FIRST = 1;
    /** Multishot recv with provided buffers: Linux 6.0. */
    static final short IORING_RECV_MULTISHOT = 1 << 1;
    static final short IORING_RECVSEND_FIXED_BUF = 1 << 2;
    /** Multishot accept (sqe.ioprio): Linux 5.19. */
    static final short IORING_ACCEPT_MULTISHOT = 1;

    // timeout flags
    static final int IORING_TIMEOUT_ABS = 1;

    // io_uring_register opcodes
    static final int IORING_REGISTER_BUFFERS = 0;
    static final int IORING_UNREGISTER_BUFFERS = 1;
    static final int IORING_REGISTER_FILES = 2;
    static final int IORING_UNREGISTER_FILES = 3;
    static final int IORING_REGISTER_PROBE = 8;
    static final int IORING_REGISTER_ENABLE_RINGS = 12;
    /** Provided-buffer rings: Linux 5.19. */
    static final int IORING_REGISTER_PBUF_RING = 22;
    static final int IORING_UNREGISTER_PBUF_RING = 23;

    // mmap offsets
    static final long IORING_OFF_SQ_RING = 0L;
    static final long IORING_OFF_CQ_RING = 0x8000000L;
    static final long IORING_OFF_SQES = 0x10000000L;

    // <poll.h>
    static final int POLLIN = 0x001;
    static final int POLLPRI = 0x002;
    static final int POLLOUT = 0x004;
    static final int POLLERR = 0x008;
    static final int POLLHUP = 0x010;
    static final int POLLRDHUP = 0x2000;

    /** io_uring_probe_op.flags: the opcode is supported. */
    static final int IO_URING_OP_SUPPORTED = 1;
}
