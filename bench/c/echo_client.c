/*
 * echo_client: the one load client of the TCP echo workloads (bench/README.md, "TCP echo").
 *
 * Opens C connections to 127.0.0.1:PORT; each ping-pongs a message of S bytes: send S bytes,
 * wait until all S came back, repeat. After a warm-up it counts the round trips completed in a
 * window of D seconds, samples the server's CPU time (utime+stime of /proc/PID/stat) at the
 * window's two edges, and prints one JSON result line:
 *
 *   {"workload": "echo1k", "runtime": "jasyncio", "n": 1024, "connections": 10, "seconds": 10.0,
 *    "round_trips": 950000, "rt_per_s": 95000.0, "server_cpu_s": 7.5, "server_cpu_us_per_rt": 7.9,
 *    "clk_tck": 100, "content_checks": 59375, "server_peak_rss_kib": 51234, "peak_rss_kib": 1500}
 *
 * Single-threaded, level-triggered epoll. Every connection reads while it is still sending, so
 * a server that starts echoing a 64 KiB message before it has all of it never deadlocks
 * against us. Checks: never more bytes back than were sent (a read asks for one byte more than
 * is owed, so a surplus shows), the first 8 bytes of every echo (a per-connection sequence
 * number, so a stale or reordered echo shows), and the whole payload of every SAMPLE-th echo.
 *
 * Exit status 0 with the result line, 1 on any failure (message on stderr, no result line),
 * 2 on a usage error. It stops by itself: a stall (no round trip anywhere for STALL_SECONDS)
 * or running past the warm-up + window + HARD_EXTRA_SECONDS is a failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define STALL_SECONDS 10.0
#define HARD_EXTRA_SECONDS 30.0
#define SAMPLE 16

struct conn {
    int fd;
    int index;
    size_t sent;
    size_t received;
    uint64_t seq;
    int want_out;           /* EPOLLOUT currently registered */
    unsigned char *out;     /* the message, seq in its first 8 bytes */
    unsigned char *in;      /* the echo, size + 1 bytes so a surplus byte is seen */
};

static size_t size;
static long checks;

static void fail(const char *what) {
    fprintf(stderr, "echo_client: %s\n", what);
    exit(1);
}

static void fail_errno(const char *what, int index) {
    fprintf(stderr, "echo_client: connection %d: %s: %s\n", index, what, strerror(errno));
    exit(1);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

/* utime+stime of process pid in clock ticks (fields 14 and 15 of /proc/PID/stat). */
static long long cpu_ticks(long pid) {
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) {
        fail("cannot open the server's /proc/PID/stat (has it exited?)");
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    /* comm (field 2) may hold spaces and parentheses: count fields after the last ')' */
    char *p = strrchr(buf, ')');
    if (!p) {
        fail("unparsable /proc/PID/stat");
    }
    unsigned long long utime = 0, stime = 0;
    /* after ')': state(3) ppid(4) pgrp(5) session(6) tty(7) tpgid(8) flags(9) minflt(10)
       cminflt(11) majflt(12) cmajflt(13) utime(14) stime(15) */
    if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) {
        fail("unparsable /proc/PID/stat");
    }
    return (long long) (utime + stime);
}

/* VmHWM (peak resident set, KiB) from a /proc/PID/status file, or -1. */
static long peak_rss_kib(const char *status_path) {
    FILE *f = fopen(status_path, "r");
    if (!f) {
        return -1;
    }
    char line[256];
    long kib = -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "VmHWM:", 6) == 0) {
            kib = strtol(line + 6, NULL, 10);
            break;
        }
    }
    fclose(f);
    return kib;
}

static void set_events(int ep, struct conn *c, int want_out) {
    if (c->want_out == want_out) {
        return;
    }
    struct epoll_event ev = {.events = EPOLLIN | (want_out ? EPOLLOUT : 0), .data.ptr = c};
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) {
        fail_errno("epoll_ctl", c->index);
    }
    c->want_out = want_out;
}

/* Writes what the socket takes of the rest of the message; asks for EPOLLOUT if some is left. */
static void send_some(int ep, struct conn *c) {
    while (c->sent < size) {
        ssize_t n = write(c->fd, c->out + c->sent, size - c->sent);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                break;
            }
            if (errno == EINTR) {
                continue;
            }
            fail_errno("write", c->index);
        }
        c->sent += (size_t) n;
    }
    set_events(ep, c, c->sent < size);
}

static void start_round_trip(int ep, struct conn *c) {
    c->seq++;
    c->sent = 0;
    c->received = 0;
    if (size >= 8) {
        memcpy(c->out, &c->seq, 8);
    }
    send_some(ep, c);
}

/* Reads what has arrived; returns 1 when the whole echo is in and checked. */
static int receive_some(struct conn *c) {
    for (;;) {
        /* one byte more than is owed: a server that sends more than it got is caught here */
        ssize_t n = read(c->fd, c->in + c->received, size - c->received + 1);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                return 0;
            }
            if (errno == EINTR) {
                continue;
            }
            fail_errno("read", c->index);
        }
        if (n == 0) {
            fprintf(stderr, "echo_client: connection %d: the server closed it mid-round-trip\n", c->index);
            exit(1);
        }
        c->received += (size_t) n;
        if (c->received > c->sent) {
            fprintf(stderr, "echo_client: connection %d: %zu bytes back but only %zu sent\n", c->index,
                    c->received, c->sent);
            exit(1);
        }
        if (c->received == size) {
            size_t head = size >= 8 ? 8 : size;
            if (memcmp(c->in, c->out, head) != 0) {
                fprintf(stderr, "echo_client: connection %d: round trip %llu echoed another message's bytes\n",
                        c->index, (unsigned long long) c->seq);
                exit(1);
            }
            if (c->seq % SAMPLE == 1) {
                if (memcmp(c->in, c->out, size) != 0) {
                    fprintf(stderr, "echo_client: connection %d: round trip %llu echoed wrong content\n",
                            c->index, (unsigned long long) c->seq);
                    exit(1);
                }
                checks++;
            }
            return 1;
        }
        if ((size_t) n < size - c->received + 1) {
            return 0; /* the socket is drained for now */
        }
    }
}

static void usage(void) {
    fprintf(stderr, "usage: echo_client --port P --pid SERVER_PID --size BYTES --connections C --seconds D "
                    "--warmup W --workload NAME --runtime ID\n");
    exit(2);
}

int main(int argc, char **argv) {
    int port = 0, connections = 10;
    long pid = 0;
    double seconds = 10, warmup = 2;
    const char *workload = NULL, *runtime = NULL;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc) {
            usage();
        }
        const char *k = argv[i], *v = argv[++i];
        if (!strcmp(k, "--port")) port = atoi(v);
        else if (!strcmp(k, "--pid")) pid = atol(v);
        else if (!strcmp(k, "--size")) size = (size_t) atol(v);
        else if (!strcmp(k, "--connections")) connections = atoi(v);
        else if (!strcmp(k, "--seconds")) seconds = atof(v);
        else if (!strcmp(k, "--warmup")) warmup = atof(v);
        else if (!strcmp(k, "--workload")) workload = v;
        else if (!strcmp(k, "--runtime")) runtime = v;
        else usage();
    }
    if (port <= 0 || port > 65535 || pid <= 0 || size < 1 || connections < 1 || seconds <= 0 || warmup < 0
            || !workload || !runtime) {
        usage();
    }

    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) {
        fail("epoll_create1 failed");
    }
    struct conn *conns = calloc((size_t) connections, sizeof *conns);
    if (!conns) {
        fail("out of memory");
    }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port)};
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    for (int i = 0; i < connections; i++) {
        struct conn *c = &conns[i];
        c->index = i;
        c->out = malloc(size);
        c->in = malloc(size + 1);
        if (!c->out || !c->in) {
            fail("out of memory");
        }
        /* a pattern that differs per connection and per offset */
        for (size_t j = 0; j < size; j++) {
            c->out[j] = (unsigned char) (j * 131 + (size_t) i * 17 + 1);
        }
        c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (c->fd < 0) {
            fail_errno("socket", i);
        }
        int one = 1;
        setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        /* connect blocking (the server is known to accept), then switch to non-blocking */
        if (connect(c->fd, (struct sockaddr *) &addr, sizeof addr) < 0) {
            fail_errno("connect to 127.0.0.1", i);
        }
        if (fcntl(c->fd, F_SETFL, O_NONBLOCK) < 0) {
            fail_errno("fcntl", i);
        }
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) < 0) {
            fail_errno("epoll_ctl", i);
        }
    }

    char status_path[64];
    snprintf(status_path, sizeof status_path, "/proc/%ld/status", pid);
    double start = now();
    double window_start = start + warmup, window_end = window_start + seconds;
    double hard_end = window_end + HARD_EXTRA_SECONDS, last_progress = start;
    int measuring = 0;
    long long round_trips = 0, ticks_before = 0, ticks_after = 0;
    double t0 = 0, t1 = 0;
    if (warmup == 0) {
        ticks_before = cpu_ticks(pid);
        t0 = now();
        measuring = 1;
    }
    for (int i = 0; i < connections; i++) {
        start_round_trip(ep, &conns[i]);
    }
    struct epoll_event events[64];
    for (;;) {
        double t = now();
        if (!measuring && t >= window_start) {
            ticks_before = cpu_ticks(pid);
            t0 = now();
            measuring = 1;
            round_trips = 0;
        } else if (measuring && t >= window_end) {
            ticks_after = cpu_ticks(pid);
            t1 = now();
            break;
        }
        if (t - last_progress > STALL_SECONDS) {
            fprintf(stderr, "echo_client: no round trip completed for %.0f s: the server stalled\n", STALL_SECONDS);
            exit(1);
        }
        if (t > hard_end) {
            fail("ran past its hard timeout");
        }
        double next = measuring ? window_end : window_start;
        int timeout_ms = (int) ((next - t) * 1000) + 1;
        if (timeout_ms > 100) {
            timeout_ms = 100;
        }
        int n = epoll_wait(ep, events, 64, timeout_ms);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("epoll_wait failed");
        }
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            if (events[i].events & (EPOLLERR | EPOLLHUP) && !(events[i].events & EPOLLIN)) {
                fprintf(stderr, "echo_client: connection %d: error or hang-up from the server\n", c->index);
                exit(1);
            }
            if ((events[i].events & EPOLLOUT) && c->sent < size) {
                send_some(ep, c);
            }
            if ((events[i].events & EPOLLIN) && receive_some(c)) {
                round_trips++;
                last_progress = t;
                start_round_trip(ep, c);
            }
        }
    }
    long server_rss = peak_rss_kib(status_path);
    for (int i = 0; i < connections; i++) {
        close(conns[i].fd);
    }
    if (round_trips == 0) {
        fail("no round trip completed in the measured window");
    }
    long clk = sysconf(_SC_CLK_TCK);
    double window = t1 - t0;
    double cpu_s = (double) (ticks_after - ticks_before) / (double) clk;
    /* VmHWM, not getrusage: ru_maxrss survives exec, so it would count the JVM that started us */
    long own_rss = peak_rss_kib("/proc/self/status");
    printf("{\"workload\": \"%s\", \"runtime\": \"%s\", \"n\": %zu, \"connections\": %d, \"seconds\": %.6f, "
           "\"round_trips\": %lld, \"rt_per_s\": %.3f, \"server_cpu_s\": %.6f, \"server_cpu_us_per_rt\": %.6f, "
           "\"clk_tck\": %ld, \"content_checks\": %ld, \"server_peak_rss_kib\": %ld, \"peak_rss_kib\": %ld}\n",
           workload, runtime, size, connections, window, round_trips, (double) round_trips / window, cpu_s,
           cpu_s * 1e6 / (double) round_trips, clk, checks, server_rss, own_rss);
    return 0;
}
