/*
 * floor.c: the physical floor of the benchmark workloads, in C.
 *
 * The same workloads the JMH rows run (see io.github.sendmsg.bench.Workloads), with the same flags
 * (MSG_NOSIGNAL on every send, MSG_CMSG_CLOEXEC on every receive), sending and receiving in one
 * thread, every msghdr, iovec, control buffer and data buffer set up once outside the timed loop, as
 * RawFfmFloor.java does. What is left per op is the system calls themselves.
 *
 *   floor [options] [CASE|PREFIX ...]   time the cases (no case named: the main ones, W1 .. W5-single, W1-rw, W3-rw)
 *   floor --all [options]               the main cases and every scaling case
 *   floor --census CASE N               set up, verify, run exactly N ops untimed, tear down, exit 0
 *                                       (run it under strace to count the system calls per op)
 *   floor --list                        the case names
 *
 * Options: --warmup S (default 1), --rounds R (default 5), --time S (default 1); seconds as decimals.
 * A case argument selects the case of that exact name, or else every case whose name starts with it
 * ("bytes-" selects all the byte scaling cases, "W5" both W5 cases).
 *
 * Output: one JSON array on stdout, one object per case; diagnostics go to stderr. Each object has
 * "case", "unit", "param" (bytes or descriptors per op), "ops" (timed ops over all rounds), "rounds"
 * (each round's time per unit), "mean", "best", "stdev" (of the rounds), "syscalls_per_op" (what the
 * census should find), "chunk" (ops between clock reads), "sndbuf"/"rcvbuf" (both ends, as granted)
 * and "partial_transfers" (sends or receives that needed a second call: expected 0). W5 figures are
 * per datagram (the op time divided by 32) and say so in "unit" ("ns/datagram"); a W5 op is 32
 * datagrams each way ("datagrams_per_op"), and its payload runs on across the 32 datagrams (byte i of
 * the op is i % 251 + 1), so that the order they arrive in is checked too.
 * A scaling case whose buffers the kernel will not grant is skipped, with a note on stderr.
 *
 * Every socket also gets SO_SNDTIMEO and SO_RCVTIMEO of WATCHDOG_SECONDS at setup: a watchdog, so a
 * transfer that cannot complete in one thread fails with a message instead of hanging. It changes
 * nothing for calls that do not block (none of them do when the workloads run as intended).
 *
 * One C11 file for Linux with glibc (x86_64, aarch64), depending on nothing but the C library.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define MARKER "fd-passed-and-working"
#define SOCKET_BUFFER 1048576     /* W3's SO_SNDBUF/SO_RCVBUF, and the scaling cases' minimum */
#define W5_DATAGRAMS 32           /* datagrams per W5 op, each way */
#define W5_BYTES 64               /* bytes per W5 datagram */
#define SCM_MAX_FD 253            /* the kernel's limit of descriptors per SCM_RIGHTS message */
#define WATCHDOG_SECONDS 10

enum kind { BYTES, FDS, DGRAM_BATCH, DGRAM_SINGLE };

/* What a case does to its socket buffers before use. */
enum buffers {
    DEFAULT_BUFFERS, /* leave them as the kernel made them */
    W3_BUFFERS,      /* SOCKET_BUFFER on both ends; a smaller grant is a note, as in RawFfm.java */
    SCALED_BUFFERS   /* max(SOCKET_BUFFER, 2 * size); a grant below the size skips the case */
};

struct case_def {
    const char *name;
    enum kind kind;
    long param;         /* bytes per op (BYTES), descriptors per op (FDS), datagrams per op (W5) */
    int main;           /* one of the cases run when none is named */
    enum buffers buffers;
    int plain_io;       /* BYTES: write(2) and read(2), the calls Netty's byte path makes, not sendmsg/recvmsg */
};

static const struct case_def CASES[] = {
    {"W1", BYTES, 64, 1, DEFAULT_BUFFERS, 0},
    {"W2", FDS, 1, 1, DEFAULT_BUFFERS, 0},
    {"W3", BYTES, 65536, 1, W3_BUFFERS, 0},
    {"W4", FDS, 16, 1, DEFAULT_BUFFERS, 0},
    {"W5-batch", DGRAM_BATCH, W5_DATAGRAMS, 1, DEFAULT_BUFFERS, 0},
    {"W5-single", DGRAM_SINGLE, W5_DATAGRAMS, 1, DEFAULT_BUFFERS, 0},
    {"W1-rw", BYTES, 64, 1, DEFAULT_BUFFERS, 1},
    {"W3-rw", BYTES, 65536, 1, W3_BUFFERS, 1},
    {"bytes-1", BYTES, 1, 0, DEFAULT_BUFFERS, 0},
    {"bytes-64", BYTES, 64, 0, DEFAULT_BUFFERS, 0},
    {"bytes-1024", BYTES, 1024, 0, DEFAULT_BUFFERS, 0},
    {"bytes-16384", BYTES, 16384, 0, DEFAULT_BUFFERS, 0},
    {"bytes-65536", BYTES, 65536, 0, SCALED_BUFFERS, 0},
    {"bytes-262144", BYTES, 262144, 0, SCALED_BUFFERS, 0},
    {"bytes-1048576", BYTES, 1048576, 0, SCALED_BUFFERS, 0},
    {"fds-1", FDS, 1, 0, DEFAULT_BUFFERS, 0},
    {"fds-2", FDS, 2, 0, DEFAULT_BUFFERS, 0},
    {"fds-4", FDS, 4, 0, DEFAULT_BUFFERS, 0},
    {"fds-8", FDS, 8, 0, DEFAULT_BUFFERS, 0},
    {"fds-16", FDS, 16, 0, DEFAULT_BUFFERS, 0},
    {"fds-32", FDS, 32, 0, DEFAULT_BUFFERS, 0},
    {"fds-64", FDS, 64, 0, DEFAULT_BUFFERS, 0},
    {"fds-128", FDS, 128, 0, DEFAULT_BUFFERS, 0},
    {"fds-253", FDS, SCM_MAX_FD, 0, DEFAULT_BUFFERS, 0},
};
#define NCASES (sizeof CASES / sizeof CASES[0])

/* One case's sockets, pipe and preallocated messages. */
struct state {
    const struct case_def *def;
    int sock[2];          /* [0] sends, [1] receives */
    int pipefd[2];        /* FDS: [1] is the descriptor sent */
    int sndbuf[2], rcvbuf[2];
    long buffer_requested;
    long partials;        /* transfers that needed more than one call (expected: none) */

    /* BYTES and FDS: one message each way, one iovec each. */
    size_t len;
    unsigned char *out_data, *in_data;
    struct iovec out_iov, in_iov;
    struct msghdr out_h, in_h;

    /* FDS: one SCM_RIGHTS control message each way. */
    int nfds;
    size_t fd_bytes, ctl_space;
    unsigned char *out_ctl, *in_ctl;
    int *received;

    /* DGRAM_*: W5_DATAGRAMS messages each way; the single case uses the msg_hdr of each entry. */
    unsigned char *dg_out, *dg_in;
    struct iovec dg_out_iov[W5_DATAGRAMS], dg_in_iov[W5_DATAGRAMS];
    struct mmsghdr dg_out_mm[W5_DATAGRAMS], dg_in_mm[W5_DATAGRAMS];
};

static const char *current = "floor";  /* the case being run, for messages */
static struct state *open_state;       /* closed by die() */

static void teardown(struct state *s);

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "floor: %s: ", current);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static _Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static _Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "floor: %s: ", current);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (open_state != NULL) {
        teardown(open_state);
    }
    exit(1);
}

static _Noreturn void die_errno(const char *call)
{
    int e = errno;
    if (e == EAGAIN || e == EWOULDBLOCK) {
        die("%s failed: %s (no progress for %d s: the watchdog timeout)", call, strerror(e),
            WATCHDOG_SECONDS);
    }
    die("%s failed: %s", call, strerror(e));
}

/* A transfer call that returned something else than expected: an error, or a short count. */
static _Noreturn void die_io(const char *call, ssize_t got, ssize_t want)
{
    if (got < 0) {
        die_errno(call);
    }
    die("%s returned %zd, expected %zd", call, got, want);
}

static void *xcalloc(size_t size)
{
    void *p = calloc(1, size == 0 ? 1 : size);
    if (p == NULL) {
        die("out of memory (%zu bytes)", size);
    }
    return p;
}

static void init_msg(struct msghdr *h, struct iovec *iov, void *base, size_t len, void *ctl,
                     size_t ctl_len)
{
    iov->iov_base = base;
    iov->iov_len = len;
    memset(h, 0, sizeof *h);
    h->msg_name = NULL;
    h->msg_namelen = 0;
    h->msg_iov = iov;
    h->msg_iovlen = 1;
    h->msg_control = ctl;
    h->msg_controllen = ctl_len;
    h->msg_flags = 0;
}

static void set_int_option(int fd, int option, const char *name, int value)
{
    if (setsockopt(fd, SOL_SOCKET, option, &value, sizeof value) != 0) {
        die_errno(name);
    }
}

static int int_option(int fd, int option, const char *name)
{
    int value = 0;
    socklen_t size = sizeof value;
    if (getsockopt(fd, SOL_SOCKET, option, &value, &size) != 0) {
        die_errno(name);
    }
    return value;
}

/* ---- set-up and tear-down ---------------------------------------------------------------- */

/*
 * BYTES: whether the kernel takes the op's bytes in one send without blocking. A stream sender may
 * queue about SO_SNDBUF bytes of socket-buffer memory, and that memory (skb truesize) runs a few per
 * cent over the payload, so a grant of "at least N" is not quite enough at the edge; with the send and
 * the receive in one thread, a send that blocks never completes. The probe moves the bytes once with
 * MSG_DONTWAIT and drains them; it runs at set-up only.
 */
static int one_send_fits(struct state *s)
{
    ssize_t sent = send(s->sock[0], s->out_data, s->len, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        die_errno("send (set-up probe)");
    }
    size_t moved = sent > 0 ? (size_t)sent : 0, drained = 0;
    while (drained < moved) {
        ssize_t got = recv(s->sock[1], s->in_data, moved - drained, MSG_DONTWAIT);
        if (got <= 0) {
            die_io("recv (set-up probe)", got, (ssize_t)(moved - drained));
        }
        drained += (size_t)got;
    }
    if (moved < s->len) {
        note("one send of %zu bytes moves only %zu without blocking (SO_SNDBUF %d)", s->len, moved,
             s->sndbuf[0]);
        return 0;
    }
    return 1;
}

/* Returns 0 when the case is ready, 1 when it must be skipped (the kernel refused its buffers). */
static int setup(struct state *s, const struct case_def *d)
{
    memset(s, 0, sizeof *s);
    s->def = d;
    s->sock[0] = s->sock[1] = s->pipefd[0] = s->pipefd[1] = -1;
    open_state = s;

    int type = (d->kind == BYTES || d->kind == FDS) ? SOCK_STREAM : SOCK_DGRAM;
    if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, s->sock) != 0) {
        s->sock[0] = s->sock[1] = -1;
        die_errno("socketpair");
    }
    struct timeval watchdog = {.tv_sec = WATCHDOG_SECONDS, .tv_usec = 0};
    for (int end = 0; end < 2; end++) {
        if (setsockopt(s->sock[end], SOL_SOCKET, SO_SNDTIMEO, &watchdog, sizeof watchdog) != 0) {
            die_errno("setsockopt(SO_SNDTIMEO)");
        }
        if (setsockopt(s->sock[end], SOL_SOCKET, SO_RCVTIMEO, &watchdog, sizeof watchdog) != 0) {
            die_errno("setsockopt(SO_RCVTIMEO)");
        }
    }

    if (d->buffers != DEFAULT_BUFFERS) {
        long want = SOCKET_BUFFER;
        if (d->buffers == SCALED_BUFFERS && 2 * d->param > want) {
            want = 2 * d->param;
        }
        s->buffer_requested = want;
        for (int end = 0; end < 2; end++) {
            set_int_option(s->sock[end], SO_SNDBUF, "setsockopt(SO_SNDBUF)", (int)want);
            set_int_option(s->sock[end], SO_RCVBUF, "setsockopt(SO_RCVBUF)", (int)want);
        }
    }
    for (int end = 0; end < 2; end++) {
        s->sndbuf[end] = int_option(s->sock[end], SO_SNDBUF, "getsockopt(SO_SNDBUF)");
        s->rcvbuf[end] = int_option(s->sock[end], SO_RCVBUF, "getsockopt(SO_RCVBUF)");
    }
    if (d->buffers != DEFAULT_BUFFERS) {
        long need = d->buffers == SCALED_BUFFERS ? d->param : SOCKET_BUFFER;
        for (int end = 0; end < 2; end++) {
            if (s->sndbuf[end] < need || s->rcvbuf[end] < need) {
                note("asked for SO_SNDBUF/SO_RCVBUF %ld; end %d was granted %d/%d, less than %ld"
                     " (capped by net.core.wmem_max/rmem_max)%s",
                     s->buffer_requested, end, s->sndbuf[end], s->rcvbuf[end], need,
                     d->buffers == SCALED_BUFFERS ? ": skipping this size" : "");
                if (d->buffers == SCALED_BUFFERS) {
                    return 1;
                }
            }
        }
    }

    switch (d->kind) {
    case BYTES:
        s->len = (size_t)d->param;
        s->out_data = xcalloc(s->len);
        s->in_data = xcalloc(s->len);
        for (size_t i = 0; i < s->len; i++) {
            s->out_data[i] = (unsigned char)(i % 251 + 1);
        }
        init_msg(&s->out_h, &s->out_iov, s->out_data, s->len, NULL, 0);
        init_msg(&s->in_h, &s->in_iov, s->in_data, s->len, NULL, 0);
        if (!one_send_fits(s)) {
            if (d->buffers == SCALED_BUFFERS) {
                note("skipping this size");
                return 1;
            }
            die("the op would block forever in one thread: its bytes do not fit the socket buffer");
        }
        break;
    case FDS: {
        if (pipe2(s->pipefd, O_CLOEXEC) != 0) {
            s->pipefd[0] = s->pipefd[1] = -1;
            die_errno("pipe2");
        }
        s->nfds = (int)d->param;
        s->fd_bytes = (size_t)s->nfds * sizeof(int);
        s->ctl_space = CMSG_SPACE(s->fd_bytes);
        s->len = 1;
        s->out_data = xcalloc(1);
        s->in_data = xcalloc(1);
        s->out_data[0] = 'x';
        s->out_ctl = xcalloc(s->ctl_space); /* malloc's alignment suits struct cmsghdr */
        s->in_ctl = xcalloc(s->ctl_space);
        s->received = xcalloc(s->fd_bytes);
        init_msg(&s->out_h, &s->out_iov, s->out_data, 1, s->out_ctl, s->ctl_space);
        init_msg(&s->in_h, &s->in_iov, s->in_data, 1, s->in_ctl, s->ctl_space);
        struct cmsghdr *cm = CMSG_FIRSTHDR(&s->out_h);
        cm->cmsg_len = CMSG_LEN(s->fd_bytes);
        cm->cmsg_level = SOL_SOCKET;
        cm->cmsg_type = SCM_RIGHTS;
        for (int j = 0; j < s->nfds; j++) {
            memcpy(CMSG_DATA(cm) + (size_t)j * sizeof(int), &s->pipefd[1], sizeof(int));
        }
        break;
    }
    case DGRAM_BATCH:
    case DGRAM_SINGLE:
        s->dg_out = xcalloc(W5_DATAGRAMS * W5_BYTES);
        s->dg_in = xcalloc(W5_DATAGRAMS * W5_BYTES);
        /* One payload across the datagrams, so each differs from the others and order shows. */
        for (size_t i = 0; i < W5_DATAGRAMS * W5_BYTES; i++) {
            s->dg_out[i] = (unsigned char)(i % 251 + 1);
        }
        for (int j = 0; j < W5_DATAGRAMS; j++) {
            memset(&s->dg_out_mm[j], 0, sizeof s->dg_out_mm[j]);
            memset(&s->dg_in_mm[j], 0, sizeof s->dg_in_mm[j]);
            init_msg(&s->dg_out_mm[j].msg_hdr, &s->dg_out_iov[j], s->dg_out + j * W5_BYTES,
                     W5_BYTES, NULL, 0);
            init_msg(&s->dg_in_mm[j].msg_hdr, &s->dg_in_iov[j], s->dg_in + j * W5_BYTES,
                     W5_BYTES, NULL, 0);
        }
        break;
    }
    return 0;
}

static void close_fd(int *fd, const char *what)
{
    if (*fd >= 0) {
        int fdv = *fd;
        *fd = -1;
        if (close(fdv) != 0) {
            /* Reported, not fatal: tear-down runs from die() too. */
            note("close(%s) failed: %s", what, strerror(errno));
        }
    }
}

static void teardown(struct state *s)
{
    open_state = NULL;
    close_fd(&s->sock[0], "socket");
    close_fd(&s->sock[1], "socket");
    close_fd(&s->pipefd[0], "pipe");
    close_fd(&s->pipefd[1], "pipe");
    free(s->out_data);
    free(s->in_data);
    free(s->out_ctl);
    free(s->in_ctl);
    free(s->received);
    free(s->dg_out);
    free(s->dg_in);
    s->out_data = s->in_data = s->out_ctl = s->in_ctl = s->dg_out = s->dg_in = NULL;
    s->received = NULL;
}

/* ---- the ops ------------------------------------------------------------------------------ */

/* BYTES: the rest of a send that did not move everything at once. */
static void send_rest(struct state *s, ssize_t sent)
{
    size_t done = 0;
    s->partials++;
    for (;;) {
        if (sent < 0 && errno != EINTR) {
            die_errno("sendmsg");
        }
        if (sent > 0) {
            done += (size_t)sent;
        }
        if (done == s->len) {
            break;
        }
        s->out_iov.iov_base = s->out_data + done;
        s->out_iov.iov_len = s->len - done;
        sent = sendmsg(s->sock[0], &s->out_h, MSG_NOSIGNAL);
    }
    s->out_iov.iov_base = s->out_data;
    s->out_iov.iov_len = s->len;
}

/* BYTES: the rest of a receive that did not get everything at once. */
static void receive_rest(struct state *s, ssize_t received)
{
    size_t done = 0;
    s->partials++;
    for (;;) {
        if (received < 0 && errno != EINTR) {
            die_errno("recvmsg");
        }
        if (received == 0) {
            die("recvmsg: end of stream after %zu of %zu bytes", done, s->len);
        }
        if (received > 0) {
            done += (size_t)received;
        }
        if (done == s->len) {
            break;
        }
        s->in_iov.iov_base = s->in_data + done;
        s->in_iov.iov_len = s->len - done;
        received = recvmsg(s->sock[1], &s->in_h, MSG_CMSG_CLOEXEC);
    }
    s->in_iov.iov_base = s->in_data;
    s->in_iov.iov_len = s->len;
}

/* W1, W3, bytes-N: sendmsg the bytes, recvmsg them. */
static void run_bytes(struct state *s, long n)
{
    const ssize_t len = (ssize_t)s->len;
    for (long i = 0; i < n; i++) {
        ssize_t sent = sendmsg(s->sock[0], &s->out_h, MSG_NOSIGNAL);
        if (sent != len) {
            send_rest(s, sent);
        }
        ssize_t received = recvmsg(s->sock[1], &s->in_h, MSG_CMSG_CLOEXEC);
        if (received != len) {
            receive_rest(s, received);
        }
    }
}

/* All of len bytes through write(2) or read(2), EINTR retried; the number of calls it took. */
static int plain_all(int fd, unsigned char *buf, size_t len, int writing)
{
    int calls = 0;
    for (size_t done = 0; done < len; calls++) {
        ssize_t n = writing ? write(fd, buf + done, len - done) : read(fd, buf + done, len - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            die_errno(writing ? "write" : "read");
        }
        if (n == 0 && !writing) {
            die("read: end of stream after %zu of %zu bytes", done, len);
        }
        done += (size_t)n;
    }
    return calls;
}

/* W1-rw, W3-rw: the same bytes with write(2) and read(2), no msghdr: the kernel path of Netty's rows. */
static void run_bytes_plain(struct state *s, long n)
{
    for (long i = 0; i < n; i++) {
        int calls = plain_all(s->sock[0], s->out_data, s->len, 1) + plain_all(s->sock[1], s->in_data, s->len, 0);
        if (calls > 2) {
            s->partials++;
        }
    }
}

/* FDS: sendmsg 1 byte + the descriptors, recvmsg them; leaves them in s->received, still open. */
static inline void transfer_fds(struct state *s)
{
    ssize_t sent = sendmsg(s->sock[0], &s->out_h, MSG_NOSIGNAL);
    if (sent != 1) {
        die_io("sendmsg", sent, 1);
    }
    s->in_h.msg_controllen = s->ctl_space;
    ssize_t received = recvmsg(s->sock[1], &s->in_h, MSG_CMSG_CLOEXEC);
    if (received != 1) {
        die_io("recvmsg", received, 1);
    }
    struct cmsghdr *cm = CMSG_FIRSTHDR(&s->in_h);
    if (cm == NULL || s->in_h.msg_controllen < CMSG_LEN(s->fd_bytes)
        || cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS
        || cm->cmsg_len != CMSG_LEN(s->fd_bytes)) {
        die("recvmsg: %d descriptor(s) in one SCM_RIGHTS message did not arrive"
            " (msg_controllen %zu, msg_flags 0x%x)",
            s->nfds, (size_t)s->in_h.msg_controllen, (unsigned)s->in_h.msg_flags);
    }
    memcpy(s->received, CMSG_DATA(cm), s->fd_bytes);
}

/* W2, W4, fds-N: transfer, then close every descriptor received. */
static void run_fds(struct state *s, long n)
{
    const int nfds = s->nfds;
    for (long i = 0; i < n; i++) {
        transfer_fds(s);
        for (int j = 0; j < nfds; j++) {
            if (close(s->received[j]) != 0) {
                die_errno("close");
            }
        }
    }
}

/* W5-batch: one sendmmsg of 32 datagrams, one recvmmsg of 32. */
static void run_batch(struct state *s, long n)
{
    for (long i = 0; i < n; i++) {
        int sent = sendmmsg(s->sock[0], s->dg_out_mm, W5_DATAGRAMS, MSG_NOSIGNAL);
        if (sent != W5_DATAGRAMS) {
            int done = 0;
            s->partials++;
            for (;;) {
                if (sent < 0 && errno != EINTR) {
                    die_errno("sendmmsg");
                }
                if (sent > 0) {
                    done += sent;
                }
                if (done == W5_DATAGRAMS) {
                    break;
                }
                sent = sendmmsg(s->sock[0], s->dg_out_mm + done, (unsigned)(W5_DATAGRAMS - done),
                                MSG_NOSIGNAL);
            }
        }
        int received = recvmmsg(s->sock[1], s->dg_in_mm, W5_DATAGRAMS, MSG_CMSG_CLOEXEC, NULL);
        if (received != W5_DATAGRAMS) {
            int done = 0;
            s->partials++;
            for (;;) {
                if (received < 0 && errno != EINTR) {
                    die_errno("recvmmsg");
                }
                if (received > 0) {
                    done += received;
                }
                if (done == W5_DATAGRAMS) {
                    break;
                }
                received = recvmmsg(s->sock[1], s->dg_in_mm + done,
                                    (unsigned)(W5_DATAGRAMS - done), MSG_CMSG_CLOEXEC, NULL);
            }
        }
    }
}

/* W5-single: 32 sendmsg, then 32 recvmsg. */
static void run_single(struct state *s, long n)
{
    for (long i = 0; i < n; i++) {
        for (int j = 0; j < W5_DATAGRAMS; j++) {
            ssize_t sent = sendmsg(s->sock[0], &s->dg_out_mm[j].msg_hdr, MSG_NOSIGNAL);
            if (sent != W5_BYTES) {
                die_io("sendmsg", sent, W5_BYTES);
            }
        }
        for (int j = 0; j < W5_DATAGRAMS; j++) {
            ssize_t received = recvmsg(s->sock[1], &s->dg_in_mm[j].msg_hdr, MSG_CMSG_CLOEXEC);
            if (received != W5_BYTES) {
                die_io("recvmsg", received, W5_BYTES);
            }
        }
    }
}

static void run(struct state *s, long n)
{
    switch (s->def->kind) {
    case BYTES:
        if (s->def->plain_io) {
            run_bytes_plain(s, n);
        } else {
            run_bytes(s, n);
        }
        break;
    case FDS:
        run_fds(s, n);
        break;
    case DGRAM_BATCH:
        run_batch(s, n);
        break;
    case DGRAM_SINGLE:
        run_single(s, n);
        break;
    }
}

/* ---- verification --------------------------------------------------------------------------- */

/* Nothing may be left queued on the receiving end after an op. */
static void check_drained(struct state *s)
{
    unsigned char byte;
    ssize_t got = recv(s->sock[1], &byte, 1, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
    if (got >= 0) {
        die("verification failed: data was left queued after one op");
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
        die_errno("recv");
    }
}

static void verify_fds(struct state *s)
{
    s->in_data[0] = 0;
    transfer_fds(s);
    if (s->in_data[0] != 'x') {
        die("verification failed: the byte received is 0x%02x, not 'x'", s->in_data[0]);
    }
    if (s->in_h.msg_flags & MSG_CTRUNC) {
        die("verification failed: recvmsg set MSG_CTRUNC");
    }
    for (int j = 0; j < s->nfds; j++) {
        int fd = s->received[j];
        if (fd < 0 || fd == s->pipefd[1]) {
            die("verification failed: received descriptor %d (the one sent is %d)", fd,
                s->pipefd[1]);
        }
        for (int k = 0; k < j; k++) {
            if (s->received[k] == fd) {
                die("verification failed: descriptor %d received twice", fd);
            }
        }
        int flags = fcntl(fd, F_GETFD);
        if (flags < 0) {
            die_errno("fcntl(F_GETFD)");
        }
        if (!(flags & FD_CLOEXEC)) {
            die("verification failed: descriptor %d arrived without FD_CLOEXEC", fd);
        }
        /* The marker written through the received descriptor comes out of the pipe's read end. */
        const size_t len = sizeof MARKER - 1;
        size_t done = 0;
        while (done < len) {
            ssize_t w = write(fd, MARKER + done, len - done);
            if (w < 0) {
                if (errno == EINTR) {
                    continue;
                }
                die_errno("write");
            }
            done += (size_t)w;
        }
        char back[sizeof MARKER];
        done = 0;
        while (done < len) {
            ssize_t r = read(s->pipefd[0], back + done, len - done);
            if (r < 0) {
                if (errno == EINTR) {
                    continue;
                }
                die_errno("read");
            }
            if (r == 0) {
                die("verification failed: the pipe reached end of file before the marker came");
            }
            done += (size_t)r;
        }
        if (memcmp(back, MARKER, len) != 0) {
            die("verification failed: the marker written through descriptor %d did not come out"
                " of the pipe", fd);
        }
    }
    for (int j = 0; j < s->nfds; j++) {
        if (close(s->received[j]) != 0) {
            die_errno("close");
        }
    }
}

static void verify(struct state *s)
{
    switch (s->def->kind) {
    case BYTES:
        memset(s->in_data, 0, s->len);
        run(s, 1);
        if (memcmp(s->out_data, s->in_data, s->len) != 0) {
            die("verification failed: the %zu bytes received differ from the bytes sent", s->len);
        }
        break;
    case FDS:
        verify_fds(s);
        break;
    case DGRAM_BATCH:
    case DGRAM_SINGLE:
        memset(s->dg_in, 0, W5_DATAGRAMS * W5_BYTES);
        for (int j = 0; j < W5_DATAGRAMS; j++) {
            s->dg_in_mm[j].msg_len = 0;
            s->dg_in_mm[j].msg_hdr.msg_flags = 0;
        }
        run(s, 1);
        if (s->def->kind == DGRAM_BATCH) {
            for (int j = 0; j < W5_DATAGRAMS; j++) {
                if (s->dg_in_mm[j].msg_len != W5_BYTES) {
                    die("verification failed: datagram %d: recvmmsg reports %u bytes, not %d", j,
                        s->dg_in_mm[j].msg_len, W5_BYTES);
                }
                if (s->dg_in_mm[j].msg_hdr.msg_flags & MSG_TRUNC) {
                    die("verification failed: datagram %d arrived truncated", j);
                }
            }
        }
        if (memcmp(s->dg_out, s->dg_in, W5_DATAGRAMS * W5_BYTES) != 0) {
            die("verification failed: the datagrams received differ from those sent (or came in"
                " another order)");
        }
        break;
    }
    check_drained(s);
}

/* ---- timing --------------------------------------------------------------------------------- */

static int64_t now_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        die_errno("clock_gettime");
    }
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static double square_root(double x)
{
    if (x <= 0) {
        return 0;
    }
    double y = x >= 1 ? x : 1;
    for (int i = 0; i < 200; i++) {
        double next = 0.5 * (y + x / y);
        if (next >= y) {
            break;
        }
        y = next;
    }
    return y;
}

struct options {
    double warmup_s, round_s;
    int rounds;
};

struct result {
    const struct case_def *def;
    int nrounds;
    double *rounds;       /* ns per unit (op, or datagram for W5) */
    long long ops;        /* timed ops over all rounds */
    long chunk;
    double mean, best, stdev;
    int sndbuf[2], rcvbuf[2];
    long buffer_requested;
    long partials;
};

static int per_datagram(const struct case_def *d)
{
    return d->kind == DGRAM_BATCH || d->kind == DGRAM_SINGLE;
}

static long syscalls_per_op(const struct case_def *d)
{
    switch (d->kind) {
    case BYTES:
        return 2;
    case FDS:
        return 2 + d->param;
    case DGRAM_BATCH:
        return 2;
    case DGRAM_SINGLE:
        return 2 * W5_DATAGRAMS;
    }
    return 0;
}

static void measure(struct state *s, const struct options *o, struct result *r)
{
    const int64_t warmup = (int64_t)(o->warmup_s * 1e9);
    const int64_t round = (int64_t)(o->round_s * 1e9);
    int64_t target = round / 100; /* a chunk's length: the clock is read once per chunk */
    if (target < 100000) {
        target = 100000;
    }
    if (target > 10000000) {
        target = 10000000;
    }

    /* Calibration (part of the warm-up): double the chunk until one takes the target time. */
    int64_t start = now_ns();
    long chunk = 1;
    for (;;) {
        int64_t t0 = now_ns();
        run(s, chunk);
        if (now_ns() - t0 >= target || chunk >= (1L << 30)) {
            break;
        }
        chunk *= 2;
    }
    while (now_ns() - start < warmup) {
        run(s, chunk);
    }

    const double unit = per_datagram(s->def) ? W5_DATAGRAMS : 1;
    r->def = s->def;
    r->chunk = chunk;
    r->nrounds = o->rounds;
    r->rounds = calloc((size_t)o->rounds, sizeof(double));
    if (r->rounds == NULL) {
        die("out of memory");
    }
    r->ops = 0;
    for (int k = 0; k < o->rounds; k++) {
        long long ops = 0;
        int64_t t0 = now_ns(), t;
        do {
            run(s, chunk);
            ops += chunk;
            t = now_ns();
        } while (t - t0 < round);
        r->rounds[k] = (double)(t - t0) / (double)ops / unit;
        r->ops += ops;
    }
    double sum = 0, best = r->rounds[0];
    for (int k = 0; k < o->rounds; k++) {
        sum += r->rounds[k];
        if (r->rounds[k] < best) {
            best = r->rounds[k];
        }
    }
    r->mean = sum / o->rounds;
    r->best = best;
    double var = 0;
    for (int k = 0; k < o->rounds; k++) {
        var += (r->rounds[k] - r->mean) * (r->rounds[k] - r->mean);
    }
    r->stdev = o->rounds > 1 ? square_root(var / (o->rounds - 1)) : 0;
    for (int end = 0; end < 2; end++) {
        r->sndbuf[end] = s->sndbuf[end];
        r->rcvbuf[end] = s->rcvbuf[end];
    }
    r->buffer_requested = s->buffer_requested;
    r->partials = s->partials;
}

static void print_result(const struct result *r, const struct options *o)
{
    const struct case_def *d = r->def;
    printf("  {\"case\":\"%s\",\"unit\":\"%s\"", d->name, per_datagram(d) ? "ns/datagram" : "ns/op");
    if (per_datagram(d)) {
        printf(",\"datagrams_per_op\":%d,\"bytes_per_datagram\":%d,\"ns_per_op_mean\":%.3f",
               W5_DATAGRAMS, W5_BYTES, r->mean * W5_DATAGRAMS);
    } else {
        printf(",\"param\":%ld", d->param);
    }
    printf(",\"ops\":%lld,\"rounds\":[", r->ops);
    for (int k = 0; k < r->nrounds; k++) {
        printf("%s%.3f", k ? "," : "", r->rounds[k]);
    }
    printf("],\"mean\":%.3f,\"best\":%.3f,\"stdev\":%.3f", r->mean, r->best, r->stdev);
    printf(",\"syscalls_per_op\":%ld,\"chunk\":%ld,\"warmup_s\":%.3f,\"round_s\":%.3f",
           syscalls_per_op(d), r->chunk, o->warmup_s, o->round_s);
    if (r->buffer_requested) {
        printf(",\"buffer_requested\":%ld", r->buffer_requested);
    }
    printf(",\"sndbuf\":[%d,%d],\"rcvbuf\":[%d,%d],\"partial_transfers\":%ld}", r->sndbuf[0],
           r->sndbuf[1], r->rcvbuf[0], r->rcvbuf[1], r->partials);
}

/* ---- command line --------------------------------------------------------------------------- */

static void usage(FILE *to)
{
    fprintf(to,
            "usage: floor [--warmup S] [--rounds R] [--time S] [--all] [CASE|PREFIX ...]\n"
            "       floor --census CASE N\n"
            "       floor --list\n"
            "Times the C floor of the benchmark workloads; prints one JSON array on stdout.\n"
            "No case named: the main cases (W1 W2 W3 W4 W5-batch W5-single); --all adds the\n"
            "scaling cases (bytes-N, fds-N). Defaults: --warmup 1 --rounds 5 --time 1 (seconds).\n"
            "--census runs exactly N ops of CASE untimed after set-up and verification.\n");
}

static _Noreturn void bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "floor: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    usage(stderr);
    exit(2);
}

static double seconds_arg(const char *opt, const char *value, double min)
{
    char *end;
    errno = 0;
    double v = value ? strtod(value, &end) : 0;
    if (value == NULL || *value == '\0' || *end != '\0' || errno != 0 || !(v >= min) || v > 1e6) {
        bad_usage("%s needs a number of seconds", opt);
    }
    return v;
}

static long long count_arg(const char *opt, const char *value, long long min)
{
    char *end;
    errno = 0;
    long long v = value ? strtoll(value, &end, 10) : 0;
    if (value == NULL || *value == '\0' || *end != '\0' || errno != 0 || v < min) {
        bad_usage("%s needs a whole number", opt);
    }
    return v;
}

static const struct case_def *exact_case(const char *name)
{
    for (size_t i = 0; i < NCASES; i++) {
        if (strcmp(CASES[i].name, name) == 0) {
            return &CASES[i];
        }
    }
    return NULL;
}

static int census(const char *name, long long n)
{
    const struct case_def *d = exact_case(name);
    if (d == NULL) {
        bad_usage("--census: no case named %s (floor --list names them)", name);
    }
    current = d->name;
    struct state s;
    if (setup(&s, d) != 0) {
        teardown(&s);
        return 3;
    }
    verify(&s);
    run(&s, (long)n);
    teardown(&s);
    fprintf(stderr, "floor: %s: census of %lld ops done\n", d->name, n);
    return 0;
}

int main(int argc, char **argv)
{
    struct options o = {.warmup_s = 1, .round_s = 1, .rounds = 5};
    int all = 0, nselect = 0;
    unsigned char selected[NCASES] = {0};

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--warmup") == 0) {
            o.warmup_s = seconds_arg(a, i + 1 < argc ? argv[++i] : NULL, 0);
        } else if (strcmp(a, "--time") == 0) {
            o.round_s = seconds_arg(a, i + 1 < argc ? argv[++i] : NULL, 1e-6);
        } else if (strcmp(a, "--rounds") == 0) {
            o.rounds = (int)count_arg(a, i + 1 < argc ? argv[++i] : NULL, 1);
            if (o.rounds > 100000) {
                bad_usage("%s: too many rounds", a);
            }
        } else if (strcmp(a, "--all") == 0) {
            all = 1;
        } else if (strcmp(a, "--census") == 0) {
            if (argc != 4 || i != 1) {
                bad_usage("%s takes exactly a case name and an op count, and nothing else", a);
            }
            return census(argv[2], count_arg(a, argv[3], 0));
        } else if (strcmp(a, "--list") == 0) {
            for (size_t k = 0; k < NCASES; k++) {
                printf("%s%s\n", CASES[k].name, CASES[k].main ? " (main)" : "");
            }
            return 0;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-') {
            bad_usage("unknown option %s", a);
        } else {
            const struct case_def *d = exact_case(a);
            int matched = 0;
            for (size_t k = 0; k < NCASES; k++) {
                if (d != NULL ? &CASES[k] == d : strncmp(CASES[k].name, a, strlen(a)) == 0) {
                    selected[k] = 1;
                    matched = 1;
                }
            }
            if (!matched) {
                bad_usage("no case named or starting with %s (floor --list names them)", a);
            }
            nselect++;
        }
    }
    for (size_t k = 0; k < NCASES; k++) {
        if (all || (nselect == 0 && CASES[k].main)) {
            selected[k] = 1;
        }
    }

    struct result results[NCASES];
    int nresults = 0;
    for (size_t k = 0; k < NCASES; k++) {
        if (!selected[k]) {
            continue;
        }
        const struct case_def *d = &CASES[k];
        current = d->name;
        struct state s;
        if (setup(&s, d) != 0) {
            teardown(&s);
            continue;
        }
        verify(&s);
        measure(&s, &o, &results[nresults]);
        teardown(&s);
        fprintf(stderr, "floor: %-13s %10.1f %s (best %.1f, stdev %.1f, %lld ops)\n", d->name,
                results[nresults].mean, per_datagram(d) ? "ns/datagram" : "ns/op",
                results[nresults].best, results[nresults].stdev, results[nresults].ops);
        nresults++;
    }
    current = "floor";

    printf("[\n");
    for (int k = 0; k < nresults; k++) {
        print_result(&results[k], &o);
        printf(k + 1 < nresults ? ",\n" : "\n");
        free(results[k].rounds);
    }
    printf("]\n");
    if (fflush(stdout) != 0) {
        die_errno("writing the results");
    }
    return 0;
}
