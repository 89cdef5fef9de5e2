package io.github.sendmsg.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The raw FFM floor's bindings, written by hand for Linux x86_64/aarch64 (LP64 glibc): downcall
 * handles in static finals, errno captured in the same call (as the library does), and the struct
 * offsets of {@code msghdr}, {@code iovec} and {@code cmsghdr}. Also the {@code setsockopt} the
 * library does not expose, used to size the W3 socket buffers of the library's and the floor's pairs.
 *
 * <p>Hot methods are kept tiny and the rare paths (EINTR, partial transfers, errors) live in separate
 * methods: with {@code captureCallState}, a hot method too big for C2 to inline made every call
 * allocate.
 */
final class RawFfm {

    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SCM_RIGHTS = 1;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int MSG_CMSG_CLOEXEC = 0x40000000;
    static final int EINTR = 4;

    // struct msghdr (56 bytes) and struct iovec (16 bytes), LP64
    static final long MSGHDR_SIZE = 56;
    static final long MSG_NAME = 0;
    static final long MSG_NAMELEN = 8;
    static final long MSG_IOV = 16;
    static final long MSG_IOVLEN = 24;
    static final long MSG_CONTROL = 32;
    static final long MSG_CONTROLLEN = 40;
    static final long MSG_FLAGS = 48;
    static final long IOVEC_SIZE = 16;
    static final long IOV_BASE = 0;
    static final long IOV_LEN = 8;
    // struct cmsghdr: size_t cmsg_len, int cmsg_level, int cmsg_type, then the data
    static final long CMSG_LEN_OFFSET = 0;
    static final long CMSG_LEVEL = 8;
    static final long CMSG_TYPE = 12;
    static final long CMSG_DATA = 16;
    static final long CMSG_LEN_ONE_FD = 20;    // CMSG_LEN(4)
    static final long CMSG_SPACE_ONE_FD = 24;  // CMSG_SPACE(4)
    // struct mmsghdr: a msghdr, then unsigned int msg_len, padded to 64 bytes
    static final long MMSGHDR_SIZE = 64;
    static final long MMSG_LEN = 56;
    static final int SOCK_DGRAM = 2;
    static final int AF_UNIX = 1;

    /** {@code CMSG_LEN(4 * fds)}. */
    static long cmsgLen(int fds) {
        return CMSG_DATA + 4L * fds;
    }

    /** {@code CMSG_SPACE(4 * fds)}. */
    static long cmsgSpace(int fds) {
        return CMSG_DATA + ((4L * fds + 7) & ~7L);
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(PathElement.groupElement("errno"));

    private static final MethodHandle SENDMSG = LINKER.downcallHandle(LIBC.find("sendmsg").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle RECVMSG = LINKER.downcallHandle(LIBC.find("recvmsg").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle SENDMMSG = LINKER.downcallHandle(LIBC.find("sendmmsg").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle RECVMMSG = LINKER.downcallHandle(LIBC.find("recvmmsg").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LIBC.find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle SETSOCKOPT = LINKER.downcallHandle(LIBC.find("setsockopt").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle GETSOCKOPT = LINKER.downcallHandle(LIBC.find("getsockopt").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), CAPTURE_ERRNO);

    private RawFfm() {
    }

    /** {@code sendmsg}; a negative result is {@code -errno}. */
    static long sendmsg(MemorySegment capture, int fd, MemorySegment msghdr, int flags) {
        try {
            long result = (long) SENDMSG.invokeExact(capture, fd, msghdr, flags);
            return result >= 0 ? result : -errno(capture);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code recvmsg}; a negative result is {@code -errno}. */
    static long recvmsg(MemorySegment capture, int fd, MemorySegment msghdr, int flags) {
        try {
            long result = (long) RECVMSG.invokeExact(capture, fd, msghdr, flags);
            return result >= 0 ? result : -errno(capture);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code sendmmsg}; a negative result is {@code -errno}. */
    static int sendmmsg(MemorySegment capture, int fd, MemorySegment vector, int count, int flags) {
        try {
            int result = (int) SENDMMSG.invokeExact(capture, fd, vector, count, flags);
            return result >= 0 ? result : -errno(capture);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code recvmmsg} with no timeout; a negative result is {@code -errno}. */
    static int recvmmsg(MemorySegment capture, int fd, MemorySegment vector, int count, int flags) {
        try {
            int result = (int) RECVMMSG.invokeExact(capture, fd, vector, count, flags, MemorySegment.NULL);
            return result >= 0 ? result : -errno(capture);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code close}; a negative result is {@code -errno}. */
    static int close(MemorySegment capture, int fd) {
        try {
            int result = (int) CLOSE.invokeExact(capture, fd);
            return result >= 0 ? result : -errno(capture);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    static IllegalStateException failure(String call, long negativeErrno) {
        return new IllegalStateException(call + " failed: errno " + (-negativeErrno));
    }

    /** {@code setsockopt(fd, SOL_SOCKET, option, &value, 4)}, outside any timed loop. */
    static void setIntOption(int fd, int option, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment v = arena.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            int result = (int) SETSOCKOPT.invokeExact(capture, fd, SOL_SOCKET, option, v, 4);
            if (result < 0) {
                throw failure("setsockopt", -errno(capture));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code getsockopt(fd, SOL_SOCKET, option)} as an int, to check what the kernel made of a size. */
    static int intOption(int fd, int option) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment v = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, 4);
            int result = (int) GETSOCKOPT.invokeExact(capture, fd, SOL_SOCKET, option, v, length);
            if (result < 0) {
                throw failure("getsockopt", -errno(capture));
            }
            return v.get(JAVA_INT, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Sets {@code SO_SNDBUF} and {@code SO_RCVBUF} of both ends to {@code size}, and checks it took. */
    static void setBuffers(String impl, int[] pair, int size) {
        if (size == 0) {
            return;   // the kernel's defaults
        }
        for (int fd : pair) {
            setIntOption(fd, SO_SNDBUF, size);
            setIntOption(fd, SO_RCVBUF, size);
        }
        checkBuffers(impl, pair, size);
    }

    /**
     * Checks the sizes took. Linux reports double the size asked for (its bookkeeping), and caps what
     * it grants at {@code net.core.wmem_max}/{@code rmem_max}: a capped size is reported, not fatal.
     */
    static void checkBuffers(String impl, int[] pair, int size) {
        for (int fd : pair) {
            int snd = intOption(fd, SO_SNDBUF);
            int rcv = intOption(fd, SO_RCVBUF);
            if (snd < size || rcv < size) {
                System.out.println("NOTE impl=" + impl + " SO_SNDBUF/SO_RCVBUF of fd " + fd + " are " + snd + "/" + rcv
                        + " (capped by net.core.wmem_max/rmem_max), not at least " + size);
            }
        }
    }
}
