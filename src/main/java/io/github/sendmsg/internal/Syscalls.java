package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.Libc;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The system calls, each one downcall that captures errno, retried on {@code EINTR} where retrying is
 * correct, and returning {@code -errno} on failure instead of throwing (the caller names the call in
 * its exception; this layer knows nothing of the public API).
 *
 * <p>Every method takes the call-state segment ({@link Errno#CAPTURE_LAYOUT}) as its first argument;
 * callers take it from their {@link Scratch}. The hot methods are kept tiny on purpose: with
 * {@code captureCallState}, a call site too large for C2 to inline allocates on every call.
 */
public final class Syscalls {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    // Never Linker.Option.critical: sendmsg/recvmsg/read/accept may block.
    private static final MethodHandle SENDMSG = capturing(Libc.sendmsg$address(), Libc.sendmsg$descriptor());
    private static final MethodHandle RECVMSG = capturing(Libc.recvmsg$address(), Libc.recvmsg$descriptor());
    private static final MethodHandle SENDMMSG = capturing(Libc.sendmmsg$address(), Libc.sendmmsg$descriptor());
    private static final MethodHandle RECVMMSG = capturing(Libc.recvmmsg$address(), Libc.recvmmsg$descriptor());
    private static final MethodHandle SOCKETPAIR = capturing(Libc.socketpair$address(), Libc.socketpair$descriptor());
    private static final MethodHandle SOCKET = capturing(Libc.socket$address(), Libc.socket$descriptor());
    private static final MethodHandle BIND = capturing(Libc.bind$address(), Libc.bind$descriptor());
    private static final MethodHandle CONNECT = capturing(Libc.connect$address(), Libc.connect$descriptor());
    private static final MethodHandle LISTEN = capturing(Libc.listen$address(), Libc.listen$descriptor());
    private static final MethodHandle ACCEPT4 = capturing(Libc.accept4$address(), Libc.accept4$descriptor());
    private static final MethodHandle GETSOCKNAME = capturing(Libc.getsockname$address(), Libc.getsockname$descriptor());
    private static final MethodHandle GETPEERNAME = capturing(Libc.getpeername$address(), Libc.getpeername$descriptor());
    private static final MethodHandle GETSOCKOPT = capturing(Libc.getsockopt$address(), Libc.getsockopt$descriptor());
    private static final MethodHandle SETSOCKOPT = capturing(Libc.setsockopt$address(), Libc.setsockopt$descriptor());
    private static final MethodHandle SHUTDOWN = capturing(Libc.shutdown$address(), Libc.shutdown$descriptor());
    private static final MethodHandle CLOSE = capturing(Libc.close$address(), Libc.close$descriptor());
    private static final MethodHandle READ = capturing(Libc.read$address(), Libc.read$descriptor());
    private static final MethodHandle WRITE = capturing(Libc.write$address(), Libc.write$descriptor());
    private static final MethodHandle PIPE2 = capturing(Libc.pipe2$address(), Libc.pipe2$descriptor());

    private Syscalls() {
    }

    private static MethodHandle capturing(MemorySegment address, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(address, descriptor, CAPTURE_ERRNO);
    }

    /** {@code sendmsg(2)}: bytes sent, or {@code -errno}. */
    public static long sendmsg(MemorySegment capture, int fd, MemorySegment message, int flags) {
        long result = sendmsg0(capture, fd, message, flags);
        return result >= 0 ? result : retrySendmsg(capture, fd, message, flags);
    }

    /** {@code recvmsg(2)}: bytes received (0 at end of stream), or {@code -errno}. */
    public static long recvmsg(MemorySegment capture, int fd, MemorySegment message, int flags) {
        long result = recvmsg0(capture, fd, message, flags);
        return result >= 0 ? result : retryRecvmsg(capture, fd, message, flags);
    }

    // The rare paths live outside the hot methods so those stay small enough to inline.
    private static long retrySendmsg(MemorySegment capture, int fd, MemorySegment message, int flags) {
        long result = -1;
        while (result < 0 && Errno.read(capture) == Errno.EINTR) {
            result = sendmsg0(capture, fd, message, flags);
        }
        return result >= 0 ? result : -Errno.read(capture);
    }

    private static long retryRecvmsg(MemorySegment capture, int fd, MemorySegment message, int flags) {
        long result = -1;
        while (result < 0 && Errno.read(capture) == Errno.EINTR) {
            result = recvmsg0(capture, fd, message, flags);
        }
        return result >= 0 ? result : -Errno.read(capture);
    }

    private static long sendmsg0(MemorySegment capture, int fd, MemorySegment message, int flags) {
        try {
            return (long) SENDMSG.invokeExact(capture, fd, message, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static long recvmsg0(MemorySegment capture, int fd, MemorySegment message, int flags) {
        try {
            return (long) RECVMSG.invokeExact(capture, fd, message, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code sendmmsg(2)}: the number of messages sent, or {@code -errno}. */
    public static int sendmmsg(MemorySegment capture, int fd, MemorySegment messages, int count, int flags) {
        int result;
        do {
            try {
                result = (int) SENDMMSG.invokeExact(capture, fd, messages, count, flags);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        } while (interrupted(capture, result));
        return status(capture, result);
    }

    /** {@code recvmmsg(2)} with no timeout: the number of messages received, or {@code -errno}. */
    public static int recvmmsg(MemorySegment capture, int fd, MemorySegment messages, int count, int flags) {
        int result;
        do {
            try {
                result = (int) RECVMMSG.invokeExact(capture, fd, messages, count, flags, MemorySegment.NULL);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        } while (interrupted(capture, result));
        return status(capture, result);
    }

    /** {@code socketpair(2)} into the two ints at {@code fds}: 0, or {@code -errno}. */
    public static int socketpair(MemorySegment capture, int domain, int type, int protocol, MemorySegment fds) {
        int result;
        do {
            try {
                result = (int) SOCKETPAIR.invokeExact(capture, domain, type, protocol, fds);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        } while (interrupted(capture, result));
        return status(capture, result);
    }

    /** {@code socket(2)}: the new fd, or {@code -errno}. */
    public static int socket(MemorySegment capture, int domain, int type, int protocol) {
        int result;
        do {
            try {
                result = (int) SOCKET.invokeExact(capture, domain, type, protocol);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        } while (interrupted(capture, result));
        return status(capture, result);
    }

    /** {@code bind(2)}: 0, or {@code -errno}. */
    public static int bind(MemorySegment capture, int fd, MemorySegment address, int length) {
        int result;
        try {
            result = (int) BIND.invokeExact(capture, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return status(capture, result);
    }

    /**
     * {@code connect(2)}: 0, or {@code -errno}. Not retried on {@code EINTR}: an interrupted connect
     * goes on in the kernel, and a second call would report {@code EALREADY}.
     */
    public static int connect(MemorySegment capture, int fd, MemorySegment address, int length) {
        int result;
        try {
            result = (int) CONNECT.invokeExact(capture, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return status(capture, result);
    }

    /** {@code listen(2)}: 0, or {@code -errno}. */
    public static int listen(MemorySegment capture, int fd, int backlog) {
        int result;
        try {
            result = (int) LISTEN.invokeExact(capture, fd, backlog);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return status(capture, result);
    }

    /** {@code accept4(2)} without the peer's address: the new fd, or {@code -errno}. */
    public static int accept4(MemorySegment capture, int fd, int flags) {
        int result;
        do {
            try {
                result = (int) ACCEPT4.invokeExact(capture, fd, MemorySegment.NULL, MemorySegment.NULL, flags);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        } while (interrupted(capture, result));
        return status(capture, result);
    }

    /** {@code getsockname(2)}; {@code length} holds the address buffer's size in and the used size out. */
    public static int getsockname(MemorySegment capture, int fd, MemorySegment address, MemorySegment length) {
        int result;
        try {
            result = (int) GETSOCKNAME.invokeExact(capture, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return status(capture, result);
    }

    /** {@code getpeername(2)}; {@code length} holds the address buffer's size in and the used size out. */
    public static int getpeername(MemorySegment capture, int fd, MemorySegment address, MemorySegment length) {
        int result;
        try {
            result = (int) GETPEERNAME.invokeExact(capture, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return status(capture, result);
    }

    /** {@code getsockopt(2)}; {@code length} holds the value buffer's size in and the used size out. */
    public static int getsockopt(MemorySegment capture, int fd, int level, int name, MemorySegment value,
                                 MemorySegment length) {
        int result;
        try {
            result = (int) GETSOCKOPT.invokeExact(capture, fd, level, name, value, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return status(capture, result);
    }

    /** {@code setsockopt(2)}: 0, or {@code -errno}. */
    public static int setsockopt(MemorySegment capture, int fd, int level, int name, MemorySegment value,
                                 int length) {
        int result;
        try {
            result = (int) SETSOCKOPT.invokeExact(capture, fd, level, name, value, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return status(capture, result);
    }

    /** {@code shutdown(2)}: 0, or {@code -errno}. */
    public static int shutdown(MemorySegment capture, int fd, int how) {
        int result;
        try {
            result = (int) SHUTDOWN.invokeExact(capture, fd, how);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return status(capture, result);
    }

    /**
     * {@code close(2)}: 0, or {@code -errno}. Never retried: on Linux the descriptor is released even
     * when close reports {@code EINTR}, and a retry could close a number another thread just received.
     * {@code EINTR} therefore counts as success.
     */
    public static int close(MemorySegment capture, int fd) {
        int result;
        try {
            result = (int) CLOSE.invokeExact(capture, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (result < 0 && Errno.read(capture) == Errno.EINTR) {
            return 0;
        }
        return status(capture, result);
    }

    /** {@code read(2)}: bytes read (0 at end of file), or {@code -errno}. */
    public static long read(MemorySegment capture, int fd, MemorySegment buffer, long count) {
        long result;
        do {
            try {
                result = (long) READ.invokeExact(capture, fd, buffer, count);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        } while (result < 0 && Errno.read(capture) == Errno.EINTR);
        return result >= 0 ? result : -Errno.read(capture);
    }

    /** {@code write(2)}: bytes written, or {@code -errno}. */
    public static long write(MemorySegment capture, int fd, MemorySegment buffer, long count) {
        long result;
        do {
            try {
                result = (long) WRITE.invokeExact(capture, fd, buffer, count);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        } while (result < 0 && Errno.read(capture) == Errno.EINTR);
        return result >= 0 ? result : -Errno.read(capture);
    }

    /** {@code pipe2(2)} into the two ints at {@code fds}: 0, or {@code -errno}. */
    public static int pipe2(MemorySegment capture, MemorySegment fds, int flags) {
        int result;
        try {
            result = (int) PIPE2.invokeExact(capture, fds, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return status(capture, result);
    }

    private static boolean interrupted(MemorySegment capture, int result) {
        return result < 0 && Errno.read(capture) == Errno.EINTR;
    }

    private static int status(MemorySegment capture, int result) {
        return result >= 0 ? result : -Errno.read(capture);
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        // invokeExact on these handles declares Throwable, but a downcall throws nothing checked.
        throw new AssertionError("a downcall threw a checked exception", t);
    }
}
