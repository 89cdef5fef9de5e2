package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.Libc;
import io.github.sendmsg.internal.libc.epoll_event;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a descriptor to become readable or writable without ever blocking in native code on the
 * waiting thread: the waiter arms a one-shot {@code epoll} registration and parks
 * ({@link LockSupport#park}), which unmounts a virtual thread from its carrier; one platform daemon
 * thread per poller sits in {@code epoll_wait} and unparks whoever owns each event. This is the design
 * the JDK's own {@code sun.nio.ch.Poller} and Go's netpoller use.
 *
 * <p>Two pollers, one for reading and one for writing: an epoll instance holds one registration per
 * descriptor, so a reader and a writer of one socket would overwrite each other's. A registration's
 * data is a token from a counter, never the descriptor number, so a late event for a closed and reused
 * number wakes nobody. Callers retry the non-blocking call after every wake-up, so a spurious one costs
 * a single retry.
 *
 * <p>Before closing a descriptor that was ever waited on, call {@link #forget(int)} on both pollers:
 * a registration belongs to the open file description, which other copies (a {@code dup}, a child, a
 * descriptor in flight to another process) keep alive after this number is closed.
 */
public final class Poller {

    /** What {@link #await} returns. */
    public static final int READY = 0;
    public static final int TIMED_OUT = 1;
    public static final int INTERRUPTED = 2;
    public static final int CANCELLED = 3;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final MethodHandle EPOLL_CREATE1 = LINKER.downcallHandle(Libc.epoll_create1$address(),
            Libc.epoll_create1$descriptor(), CAPTURE_ERRNO);
    private static final MethodHandle EPOLL_CTL = LINKER.downcallHandle(Libc.epoll_ctl$address(),
            Libc.epoll_ctl$descriptor(), CAPTURE_ERRNO);
    // epoll_wait blocks by design, on the poller's own platform thread only.
    private static final MethodHandle EPOLL_WAIT = LINKER.downcallHandle(Libc.epoll_wait$address(),
            FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, Libc.C_POINTER, Libc.C_INT, Libc.C_INT), CAPTURE_ERRNO);

    /**
     * {@code struct epoll_event}: 12 bytes with the data at 4 on x86_64, where glibc packs it (the
     * layout the bindings were generated with); 16 bytes with the data at 8 on aarch64, where it does not.
     */
    private static final boolean PACKED = !System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).equals("aarch64");
    private static final long EVENT_SIZE = PACKED ? epoll_event.sizeof() : 16;
    private static final long EVENT_DATA = PACKED ? epoll_event.data$offset() : 8;
    private static final int MAX_EVENTS = 512;

    private static final AtomicLong TOKENS = new AtomicLong();

    private static volatile Poller readers;
    private static volatile Poller writers;

    private final String name;
    private final int events;
    private final int epoll;
    private final ConcurrentHashMap<Long, Waiter> waiters = new ConcurrentHashMap<>();
    private final MemorySegment capture = Arena.global().allocate(Errno.CAPTURE_LAYOUT);

    private static final class Waiter {
        final Thread thread;
        volatile boolean fired;

        Waiter(Thread thread) {
            this.thread = thread;
        }
    }

    private Poller(String name, int events) {
        this.name = name;
        this.events = events;
        int fd;
        try {
            fd = (int) EPOLL_CREATE1.invokeExact(capture, Libc.EPOLL_CLOEXEC());
        } catch (Throwable t) {
            throw Syscalls.rethrow(t);
        }
        if (fd < 0) {
            throw new IllegalStateException("epoll_create1 failed: " + Errno.name(Errno.read(capture)));
        }
        this.epoll = fd;
        Thread.ofPlatform().daemon().name("sendmsg-poller-" + name).start(this::loop);
    }

    /** The poller that waits for descriptors to become readable (and for listeners to have a connection). */
    public static Poller readers() {
        Poller poller = readers;
        if (poller == null) {
            synchronized (Poller.class) {
                poller = readers;
                if (poller == null) {
                    readers = poller = new Poller("read", Libc.EPOLLIN() | Libc.EPOLLRDHUP());
                }
            }
        }
        return poller;
    }

    /** The poller that waits for descriptors to become writable (and for connects to finish). */
    public static Poller writers() {
        Poller poller = writers;
        if (poller == null) {
            synchronized (Poller.class) {
                poller = writers;
                if (poller == null) {
                    writers = poller = new Poller("write", Libc.EPOLLOUT());
                }
            }
        }
        return poller;
    }

    /** Forgets {@code fd} on both pollers that exist; call before closing a descriptor that was waited on. */
    public static void forgetEverywhere(int fd) {
        Poller r = readers;
        if (r != null) {
            r.forget(fd);
        }
        Poller w = writers;
        if (w != null) {
            w.forget(fd);
        }
    }

    /**
     * Parks the calling thread until {@code fd} is ready, {@code deadline} ({@link System#nanoTime()};
     * 0 for none) passes, the thread is interrupted (its status is left set), or {@code cancelled}
     * answers true (checked before every park; whoever makes it true must unpark the waiter).
     *
     * @return {@link #READY}, {@link #TIMED_OUT}, {@link #INTERRUPTED}, {@link #CANCELLED}, or
     *         {@code -errno} if the descriptor cannot be waited on ({@code EPERM} for a regular file,
     *         {@code EBADF} …)
     */
    public int await(int fd, long deadline, BooleanSupplier cancelled) {
        long token = TOKENS.incrementAndGet();
        Waiter waiter = new Waiter(Thread.currentThread());
        waiters.put(token, waiter);
        try {
            int armed = arm(fd, token);
            if (armed < 0) {
                return armed;
            }
            while (!waiter.fired) {
                if (cancelled.getAsBoolean()) {
                    return CANCELLED;
                }
                if (Thread.currentThread().isInterrupted()) {
                    return INTERRUPTED;
                }
                if (deadline == 0) {
                    LockSupport.park(this);
                } else {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return TIMED_OUT;
                    }
                    LockSupport.parkNanos(this, remaining);
                }
            }
            return READY;
        } finally {
            if (!waiter.fired) {
                waiters.remove(token);
            }
        }
    }

    /** Arms a one-shot registration of {@code fd} carrying {@code token}: 0, or {@code -errno}. */
    private int arm(int fd, long token) {
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment event = scratch.small().asSlice(0, EVENT_SIZE);
            MemorySegment errno = scratch.capture();
            event.set(ValueLayout.JAVA_INT_UNALIGNED, 0, events | Libc.EPOLLONESHOT());
            event.set(ValueLayout.JAVA_LONG_UNALIGNED, EVENT_DATA, token);
            int result = ctl(errno, Libc.EPOLL_CTL_MOD(), fd, event);
            if (result < 0 && Errno.read(errno) == Errno.ENOENT) {
                result = ctl(errno, Libc.EPOLL_CTL_ADD(), fd, event);
                if (result < 0 && Errno.read(errno) == Errno.EEXIST) {
                    result = ctl(errno, Libc.EPOLL_CTL_MOD(), fd, event);   // another waiter added it first
                }
            }
            return result < 0 ? -Errno.read(errno) : 0;
        } finally {
            scratch.release();
        }
    }

    /** Removes {@code fd} from this poller, if it is there. */
    public void forget(int fd) {
        Scratch scratch = Scratch.acquire();
        try {
            ctl(scratch.capture(), Libc.EPOLL_CTL_DEL(), fd, scratch.small().asSlice(0, EVENT_SIZE));
        } finally {
            scratch.release();
        }
    }

    private int ctl(MemorySegment errno, int op, int fd, MemorySegment event) {
        try {
            return (int) EPOLL_CTL.invokeExact(errno, epoll, op, fd, event);
        } catch (Throwable t) {
            throw Syscalls.rethrow(t);
        }
    }

    /** The poller thread: waits for events and unparks their waiters, for the life of the process. */
    private void loop() {
        MemorySegment ready = Arena.global().allocate(EVENT_SIZE * MAX_EVENTS, 8);
        MemorySegment errno = Arena.global().allocate(Errno.CAPTURE_LAYOUT);
        while (true) {
            try {
                int count = (int) EPOLL_WAIT.invokeExact(errno, epoll, ready, MAX_EVENTS, -1);
                if (count < 0) {
                    if (Errno.read(errno) != Errno.EINTR) {
                        System.getLogger(Poller.class.getName()).log(System.Logger.Level.ERROR,
                                "epoll_wait of the " + name + " poller failed: " + Errno.name(Errno.read(errno)));
                        Thread.sleep(10);
                    }
                    continue;
                }
                for (int i = 0; i < count; i++) {
                    long token = ready.get(ValueLayout.JAVA_LONG_UNALIGNED, i * EVENT_SIZE + EVENT_DATA);
                    Waiter waiter = waiters.remove(token);
                    if (waiter != null) {
                        waiter.fired = true;
                        LockSupport.unpark(waiter.thread);
                    }
                }
            } catch (Throwable t) {
                // The poller must outlive any one failure: every waiter of the process depends on it.
                System.getLogger(Poller.class.getName()).log(System.Logger.Level.ERROR, "the " + name + " poller", t);
            }
        }
    }
}
