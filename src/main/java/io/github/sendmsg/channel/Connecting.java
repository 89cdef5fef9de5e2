package io.github.sendmsg.channel;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.internal.AddressHints;
import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.Errno;
import io.github.sendmsg.internal.FileCalls;
import io.github.sendmsg.internal.Poller;
import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.SocketCalls;
import io.github.sendmsg.internal.Syscalls;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.locks.LockSupport;

/** Connecting a channel's own non-blocking socket, waiting without blocking in native code. */
final class Connecting {

    private static final long FIRST_BACKOFF = 1_000_000L;
    private static final long LAST_BACKOFF = 50_000_000L;

    private Connecting() {
    }

    /**
     * Connects {@code fd} to {@code address}; false if the channel was closed or the thread interrupted
     * while waiting. The socket is made blocking again once connected: every call of the channel passes
     * {@code MSG_DONTWAIT} itself, and a copy handed to another process then behaves as usual.
     */
    static boolean connect(UnixChannel channel, int fd, SocketAddress address, long deadline) throws IOException {
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment name = scratch.small().asSlice(128);
            int length = Addressing.encode(name, address);
            long backoff = FIRST_BACKOFF;
            while (true) {
                int result = Syscalls.connect(scratch.capture(), fd, name, length);
                if (result == 0) {
                    break;
                }
                int errno = -result;
                if (errno == Errno.EINPROGRESS || errno == Errno.EINTR) {
                    if (!channel.await(Poller.writers(), fd, deadline, false, false)) {
                        return false;
                    }
                    int error = SocketCalls.intOption(scratch, fd, Constants.SOL_SOCKET, Constants.SO_ERROR);
                    if (error == 0) {
                        break;
                    }
                    throw failure(fd, error == Integer.MIN_VALUE ? Errno.read(scratch.capture()) : error, address);
                }
                if (errno == Errno.EAGAIN) {
                    // The listener's backlog is full: AF_UNIX does not connect in the background, so wait a
                    // little and try again, the way a blocking connect would wait for room.
                    if (deadline != 0 && System.nanoTime() - deadline >= 0) {
                        throw new SocketTimeoutException("connect to " + address + " timed out: the listener's backlog stayed full");
                    }
                    LockSupport.parkNanos(channel, backoff);
                    if (Thread.currentThread().isInterrupted() || !channel.isOpen()) {
                        return false;
                    }
                    backoff = Math.min(backoff * 2, LAST_BACKOFF);
                    continue;
                }
                throw failure(fd, errno, address);
            }
            int flags = FileCalls.fcntl(scratch.capture(), fd, FileCalls.F_GETFL, 0);
            if (flags >= 0) {
                FileCalls.fcntl(scratch.capture(), fd, FileCalls.F_SETFL, flags & ~Constants.O_NONBLOCK);
            }
            return true;
        } finally {
            scratch.release();
        }
    }

    private static ErrnoException failure(int fd, int errno, SocketAddress address) {
        String hint = AddressHints.forAddressCall(false, errno, address, Addressing.unix(address).asString());
        return new ErrnoException("connect", fd, errno, hint.isEmpty() ? "connecting to " + address : hint);
    }
}
