package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.Libc;
import io.github.sendmsg.internal.libc.statx;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Calls on descriptors of any kind: {@code fcntl}, {@code open}, {@code lseek}, {@code dup3},
 * {@code statx}, {@code eventfd}. Each returns a value or {@code -errno}, as {@link Syscalls} does; they
 * live apart from it so that a symbol missing from an old C library (statx arrived in glibc 2.28) breaks
 * only what uses it.
 */
public final class FileCalls {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    // fcntl and open are variadic: the third argument (an int) is declared as the first variadic one.
    private static final MethodHandle FCNTL = LINKER.downcallHandle(Libc.fcntl.address(),
            FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, Libc.C_INT, Libc.C_INT),
            Linker.Option.firstVariadicArg(2), CAPTURE_ERRNO);
    private static final MethodHandle OPEN = LINKER.downcallHandle(Libc.open.address(),
            FunctionDescriptor.of(Libc.C_INT, Libc.C_POINTER, Libc.C_INT, Libc.C_INT),
            Linker.Option.firstVariadicArg(2), CAPTURE_ERRNO);
    private static final MethodHandle LSEEK = capturing(Libc.lseek$address(), Libc.lseek$descriptor());
    private static final MethodHandle DUP3 = capturing(Libc.dup3$address(), Libc.dup3$descriptor());
    private static final MethodHandle STATX = capturing(Libc.statx$address(), Libc.statx$descriptor());

    public static final int F_GETFL = Libc.F_GETFL();
    public static final int F_SETFL = Libc.F_SETFL();
    public static final int F_GETFD = Libc.F_GETFD();
    public static final int F_DUPFD_CLOEXEC = Libc.F_DUPFD_CLOEXEC();
    public static final int O_ACCMODE = Libc.O_ACCMODE();
    public static final int O_RDONLY = Libc.O_RDONLY();
    public static final int O_WRONLY = Libc.O_WRONLY();
    public static final int O_RDWR = Libc.O_RDWR();
    public static final int O_CREAT = Libc.O_CREAT();
    public static final int O_EXCL = Libc.O_EXCL();
    public static final int O_TRUNC = Libc.O_TRUNC();
    public static final int O_APPEND = Libc.O_APPEND();
    public static final int O_SYNC = Libc.O_SYNC();
    public static final int O_DSYNC = Libc.O_DSYNC();
    public static final int O_NOFOLLOW = Libc.O_NOFOLLOW();
    public static final int O_NOCTTY = Libc.O_NOCTTY();
    public static final int SEEK_SET = Libc.SEEK_SET();
    public static final int SEEK_CUR = Libc.SEEK_CUR();
    public static final int S_IFMT = Libc.S_IFMT();
    public static final int S_IFDIR = Libc.S_IFDIR();
    public static final int S_IFCHR = Libc.S_IFCHR();
    public static final int S_IFBLK = Libc.S_IFBLK();
    public static final int S_IFREG = Libc.S_IFREG();
    public static final int S_IFIFO = Libc.S_IFIFO();
    public static final int S_IFLNK = Libc.S_IFLNK();
    public static final int S_IFSOCK = Libc.S_IFSOCK();

    /** The empty C string {@code statx(fd, "", AT_EMPTY_PATH, ...)} takes. */
    private static final MemorySegment EMPTY_PATH = Arena.global().allocate(1);

    private FileCalls() {
    }

    private static MethodHandle capturing(MemorySegment address, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(address, descriptor, CAPTURE_ERRNO);
    }

    /** {@code fcntl(fd, cmd, arg)}: the result, or {@code -errno}. {@code EINTR} is retried. */
    public static int fcntl(MemorySegment capture, int fd, int cmd, int arg) {
        int result;
        do {
            try {
                result = (int) FCNTL.invokeExact(capture, fd, cmd, arg);
            } catch (Throwable t) {
                throw Syscalls.rethrow(t);
            }
        } while (result < 0 && Errno.read(capture) == Errno.EINTR);
        return result >= 0 ? result : -Errno.read(capture);
    }

    /** {@code open(path, flags | O_CLOEXEC, mode)}: the new descriptor, or {@code -errno}. */
    public static int open(MemorySegment capture, MemorySegment path, int flags, int mode) {
        int result;
        do {
            try {
                result = (int) OPEN.invokeExact(capture, path, flags | Constants.O_CLOEXEC, mode);
            } catch (Throwable t) {
                throw Syscalls.rethrow(t);
            }
        } while (result < 0 && Errno.read(capture) == Errno.EINTR);
        return result >= 0 ? result : -Errno.read(capture);
    }

    /** {@code lseek(fd, offset, whence)}: the new offset, or {@code -errno}. */
    public static long lseek(MemorySegment capture, int fd, long offset, int whence) {
        long result;
        try {
            result = (long) LSEEK.invokeExact(capture, fd, offset, whence);
        } catch (Throwable t) {
            throw Syscalls.rethrow(t);
        }
        return result >= 0 ? result : -Errno.read(capture);
    }

    /**
     * {@code dup3(source, target, O_CLOEXEC)}: makes {@code target} refer to what {@code source} refers
     * to, closing what {@code target} referred to, in one step. Returns {@code target}, or {@code -errno}.
     */
    public static int dup3(MemorySegment capture, int source, int target) {
        int result;
        do {
            try {
                result = (int) DUP3.invokeExact(capture, source, target, Constants.O_CLOEXEC);
            } catch (Throwable t) {
                throw Syscalls.rethrow(t);
            }
        } while (result < 0 && Errno.read(capture) == Errno.EINTR);
        return result >= 0 ? result : -Errno.read(capture);
    }

    /** The {@code st_mode} file type bits of {@code fd} ({@code S_IF*}), from {@code statx}, or {@code -errno}. */
    public static int fileType(Scratch scratch, int fd) {
        MemorySegment buffer = scratch.control(statx.sizeof());
        int result;
        try {
            result = (int) STATX.invokeExact(scratch.capture(), fd, EMPTY_PATH, Libc.AT_EMPTY_PATH(), Libc.STATX_TYPE(), buffer);
        } catch (Throwable t) {
            throw Syscalls.rethrow(t);
        }
        if (result < 0) {
            return -Errno.read(scratch.capture());
        }
        return Short.toUnsignedInt(statx.stx_mode(buffer)) & S_IFMT;
    }

    /** A NUL-terminated copy of {@code bytes} in {@code scratch}'s control buffer, for a path argument. */
    public static MemorySegment cString(Scratch scratch, byte[] bytes) {
        MemorySegment path = scratch.control(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, path, ValueLayout.JAVA_BYTE, 0, bytes.length);
        path.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        return path;
    }
}
