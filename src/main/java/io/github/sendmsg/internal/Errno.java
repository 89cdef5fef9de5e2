package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.Libc;

import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * errno as the downcalls capture it, and its symbolic name and text.
 *
 * <p>errno is read from the call-state segment that {@link Linker.Option#captureCallState} fills in the
 * same downcall, never with a second call afterwards: by then the JVM may have overwritten it.
 */
public final class Errno {

    /** The layout of the captured call state; one segment of this size per call in flight. */
    public static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();

    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(PathElement.groupElement("errno"));

    public static final int EINTR = Libc.EINTR();
    public static final int EAGAIN = Libc.EAGAIN();
    public static final int EBADF = Libc.EBADF();
    public static final int EINVAL = Libc.EINVAL();
    public static final int ENOENT = Libc.ENOENT();
    public static final int EEXIST = Libc.EEXIST();
    public static final int ENOTCONN = Libc.ENOTCONN();
    public static final int EINPROGRESS = Libc.EINPROGRESS();
    public static final int EPIPE = Libc.EPIPE();
    public static final int ECONNRESET = Libc.ECONNRESET();
    public static final int ECONNREFUSED = Libc.ECONNREFUSED();

    private static final Map<Integer, String> NAMES = names();

    static {
        // Link strerror now: the first error may be EMFILE, when loading a class (which opens its
        // file on a directory class path) would fail and hide the error behind NoClassDefFoundError.
        describe(EINTR);
    }

    private Errno() {
    }

    /** The errno a downcall captured into {@code capture}. */
    public static int read(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /** The symbolic name of {@code errno}, such as {@code "EBADF"}, or {@code "errno 123"} if unknown. */
    public static String name(int errno) {
        String name = NAMES.get(errno);
        return name != null ? name : "errno " + errno;
    }

    /** The C library's description of {@code errno}, such as {@code "Bad file descriptor"}. */
    public static String describe(int errno) {
        if (!Platform.SUPPORTED) {
            return "no description on this platform";
        }
        // glibc's strerror returns a static string for every known errno (a thread-local buffer for
        // unknown ones), and it is read at once.
        MemorySegment text = Libc.strerror(errno);
        if (text.equals(MemorySegment.NULL)) {
            return "Unknown error " + errno;
        }
        return text.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static Map<Integer, String> names() {
        Map<Integer, String> names = new HashMap<>();
        // EWOULDBLOCK equals EAGAIN on Linux: only the POSIX spelling is listed.
        put(names, "EPERM", Libc.EPERM());
        put(names, "ENOENT", Libc.ENOENT());
        put(names, "ESRCH", Libc.ESRCH());
        put(names, "EINTR", Libc.EINTR());
        put(names, "EIO", Libc.EIO());
        put(names, "ENXIO", Libc.ENXIO());
        put(names, "E2BIG", Libc.E2BIG());
        put(names, "EBADF", Libc.EBADF());
        put(names, "ECHILD", Libc.ECHILD());
        put(names, "EAGAIN", Libc.EAGAIN());
        put(names, "ENOMEM", Libc.ENOMEM());
        put(names, "EACCES", Libc.EACCES());
        put(names, "EFAULT", Libc.EFAULT());
        put(names, "EBUSY", Libc.EBUSY());
        put(names, "EEXIST", Libc.EEXIST());
        put(names, "ENODEV", Libc.ENODEV());
        put(names, "ENOTDIR", Libc.ENOTDIR());
        put(names, "EISDIR", Libc.EISDIR());
        put(names, "EINVAL", Libc.EINVAL());
        put(names, "ENFILE", Libc.ENFILE());
        put(names, "EMFILE", Libc.EMFILE());
        put(names, "ENOTTY", Libc.ENOTTY());
        put(names, "EFBIG", Libc.EFBIG());
        put(names, "ENOSPC", Libc.ENOSPC());
        put(names, "ESPIPE", Libc.ESPIPE());
        put(names, "EROFS", Libc.EROFS());
        put(names, "EPIPE", Libc.EPIPE());
        put(names, "ERANGE", Libc.ERANGE());
        put(names, "ENAMETOOLONG", Libc.ENAMETOOLONG());
        put(names, "ENOSYS", Libc.ENOSYS());
        put(names, "ELOOP", Libc.ELOOP());
        put(names, "ENOTSOCK", Libc.ENOTSOCK());
        put(names, "EDESTADDRREQ", Libc.EDESTADDRREQ());
        put(names, "EMSGSIZE", Libc.EMSGSIZE());
        put(names, "EPROTOTYPE", Libc.EPROTOTYPE());
        put(names, "ENOPROTOOPT", Libc.ENOPROTOOPT());
        put(names, "EPROTONOSUPPORT", Libc.EPROTONOSUPPORT());
        put(names, "ESOCKTNOSUPPORT", Libc.ESOCKTNOSUPPORT());
        put(names, "EOPNOTSUPP", Libc.EOPNOTSUPP());
        put(names, "EAFNOSUPPORT", Libc.EAFNOSUPPORT());
        put(names, "EADDRINUSE", Libc.EADDRINUSE());
        put(names, "EADDRNOTAVAIL", Libc.EADDRNOTAVAIL());
        put(names, "ENETDOWN", Libc.ENETDOWN());
        put(names, "ENETUNREACH", Libc.ENETUNREACH());
        put(names, "ECONNABORTED", Libc.ECONNABORTED());
        put(names, "ECONNRESET", Libc.ECONNRESET());
        put(names, "ENOBUFS", Libc.ENOBUFS());
        put(names, "EISCONN", Libc.EISCONN());
        put(names, "ENOTCONN", Libc.ENOTCONN());
        put(names, "ESHUTDOWN", Libc.ESHUTDOWN());
        put(names, "ETOOMANYREFS", Libc.ETOOMANYREFS());
        put(names, "ETIMEDOUT", Libc.ETIMEDOUT());
        put(names, "ECONNREFUSED", Libc.ECONNREFUSED());
        put(names, "EALREADY", Libc.EALREADY());
        put(names, "EINPROGRESS", Libc.EINPROGRESS());
        return Map.copyOf(names);
    }

    private static void put(Map<Integer, String> names, String name, int value) {
        names.putIfAbsent(value, name);
    }
}
