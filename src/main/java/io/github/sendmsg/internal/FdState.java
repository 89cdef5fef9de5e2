package io.github.sendmsg.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A descriptor number owned by one object, closed exactly once, and never closed while a call that
 * uses the number is in flight: one atomic word holds a CLOSED bit and the count of calls in flight.
 * {@link #close()} sets the bit and closes at once if nothing is in flight; otherwise the last
 * {@link #release()} closes. So a number can never be reused under a call still using it (the
 * fd-reuse race of integer descriptors).
 *
 * <p>Before the real {@code close(2)}, a descriptor that was ever waited on ({@link #markWaited()}) is
 * removed from the {@link Poller}s: a registration belongs to the open file description, which
 * outlives this number when it has other copies. One never waited on costs no extra call.
 *
 * <p>Every number an {@code FdState} owns is also marked in a process-wide set, so that taking over a
 * number the caller names ({@link #adopt(int)}) can refuse one this library already owns: two owners of
 * one number would close it twice, the second time perhaps under someone else's file. Numbers the kernel
 * has just returned cannot be owned already and are marked without a check.
 */
public final class FdState {

    private static final long CLOSED = 1L << 62;

    private final int fd;
    private final AtomicLong state = new AtomicLong();
    private volatile boolean waited;

    /** Ownership of {@code fd}, which the kernel has just returned: open, and belonging to no one else. */
    public FdState(int fd) {
        this(requireFd(fd), true);
    }

    private FdState(int fd, boolean mark) {
        this.fd = fd;
        if (mark) {
            Owned.mark(fd);
        }
    }

    /**
     * Ownership of a number the caller names and says is theirs.
     *
     * @param fd an open descriptor
     * @return its owner
     * @throws IllegalStateException    if an object of this library owns {@code fd} already
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static FdState adopt(int fd) {
        if (!Owned.mark(requireFd(fd))) {
            throw new IllegalStateException("fd " + fd + " is owned already, by a Descriptor or channel of this"
                    + " library, which will close it; take a copy with Descriptor.duplicateOf(" + fd + ") instead,"
                    + " or release() it from its owner first");
        }
        return new FdState(fd, false);
    }

    private static int requireFd(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("a file descriptor must be >= 0, not " + fd);
        }
        return fd;
    }

    /** The number, for a call made between {@link #acquire()} and {@link #release()}. */
    public int fd() {
        return fd;
    }

    /** Records that a {@link Poller} may hold a registration of this descriptor. */
    public void markWaited() {
        if (!waited) {
            waited = true;
        }
    }

    /** True until {@link #close()} was called. */
    public boolean isOpen() {
        return (state.get() & CLOSED) == 0;
    }

    /** Counts a call in flight; false (and nothing counted) if closed. */
    public boolean acquire() {
        while (true) {
            long current = state.get();
            if ((current & CLOSED) != 0) {
                return false;
            }
            if (state.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Ends a call counted by {@link #acquire()}; the last one after a {@link #close()} closes the number. */
    public void release() {
        long after = state.decrementAndGet();
        if (after == CLOSED) {
            closeNow();
        }
    }

    /**
     * Marks the number closed; closes it now if no call is in flight, else when the last one ends.
     *
     * @return true if this call was the one that closed it (later calls do nothing)
     */
    public boolean close() {
        while (true) {
            long current = state.get();
            if ((current & CLOSED) != 0) {
                return false;
            }
            if (state.compareAndSet(current, current | CLOSED)) {
                if (current == 0) {
                    closeNow();
                }
                return true;
            }
        }
    }

    /**
     * Gives the number up without closing it, if nothing is in flight: the caller owns it from now on.
     *
     * @return the number, or -1 if it is closed or in use
     */
    public int detach() {
        if (!state.compareAndSet(0, CLOSED)) {
            return -1;
        }
        Owned.unmark(fd);
        return fd;
    }

    private void closeNow() {
        Owned.unmark(fd);   // before close(2): once closed, the kernel may hand the number to another owner
        if (waited) {
            Poller.forgetEverywhere(fd);
        }
        Scratch scratch = Scratch.acquire();
        try {
            Syscalls.close(scratch.capture(), fd);
        } finally {
            scratch.release();
        }
    }

    /**
     * The numbers owned: a bit per number below {@value #DENSE} (the numbers a process uses, 8 KiB, no
     * allocation per descriptor), a concurrent set above.
     */
    private static final class Owned {
        private static final int DENSE = 1 << 16;
        private static final long[] BITS = new long[DENSE / 64];
        private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);
        private static final Set<Integer> ABOVE = ConcurrentHashMap.newKeySet();

        /** Marks {@code fd}; false if it was marked already. */
        static boolean mark(int fd) {
            if (fd >= DENSE) {
                return ABOVE.add(fd);
            }
            long bit = 1L << (fd & 63);
            return ((long) WORD.getAndBitwiseOr(BITS, fd >>> 6, bit) & bit) == 0;
        }

        static void unmark(int fd) {
            if (fd >= DENSE) {
                ABOVE.remove(fd);
            } else {
                WORD.getAndBitwiseAnd(BITS, fd >>> 6, ~(1L << (fd & 63)));
            }
        }
    }
}
