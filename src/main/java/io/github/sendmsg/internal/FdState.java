package io.github.sendmsg.internal;

import java.util.concurrent.atomic.AtomicLong;

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
 */
public final class FdState {

    private static final long CLOSED = 1L << 62;

    private final int fd;
    private final AtomicLong state = new AtomicLong();
    private volatile boolean waited;

    /** Ownership of {@code fd}, which must be open and belong to no one else. */
    public FdState(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("a file descriptor must be >= 0, not " + fd);
        }
        this.fd = fd;
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
        return state.compareAndSet(0, CLOSED) ? fd : -1;
    }

    private void closeNow() {
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
}
