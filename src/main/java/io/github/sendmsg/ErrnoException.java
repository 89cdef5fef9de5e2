package io.github.sendmsg;

import io.github.sendmsg.internal.Errno;

import java.io.IOException;
import java.io.Serial;

/**
 * A system call failed: carries the call's name and the {@code errno} it set.
 *
 * <p>The message reads like {@code "recvmsg(fd 7) failed: EAGAIN (errno 11, Resource temporarily
 * unavailable)"}, naming the descriptor the call was made on where there is one. Arguments that are
 * wrong before any call is made raise {@link IllegalArgumentException} or {@link NullPointerException}
 * instead; this exception always means the kernel said no.
 */
public final class ErrnoException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The failed call's name. */
    private final String call;
    /** The descriptor it was called on, or -1. */
    private final int fd;
    /** The errno it left. */
    private final int errno;
    /** The errno's symbolic name. */
    private final String errnoName;

    /**
     * Describes a failed call that was not made on one descriptor (such as {@code socketpair}).
     *
     * @param call  the name of the system call, such as {@code "socketpair"}
     * @param errno the value of {@code errno} it left, a positive number
     * @throws NullPointerException if {@code call} is null
     */
    public ErrnoException(String call, int errno) {
        this(call, -1, errno, "");
    }

    /**
     * Describes a failed call on descriptor {@code fd}.
     *
     * @param call  the name of the system call, such as {@code "recvmsg"}
     * @param fd    the descriptor it was called on; negative for none
     * @param errno the value of {@code errno} it left, a positive number
     * @throws NullPointerException if {@code call} is null
     */
    public ErrnoException(String call, int fd, int errno) {
        this(call, fd, errno, "");
    }

    /**
     * Describes a failed call on descriptor {@code fd}, with a hint for the reader appended to the message.
     *
     * @param call  the name of the system call
     * @param fd    the descriptor it was called on; negative for none
     * @param errno the value of {@code errno} it left
     * @param hint  a sentence that helps the reader act on it, or empty
     * @throws NullPointerException if {@code call} or {@code hint} is null
     */
    public ErrnoException(String call, int fd, int errno, String hint) {
        super(message(call, fd, errno, hint));
        this.call = call;
        this.fd = fd < 0 ? -1 : fd;
        this.errno = errno;
        this.errnoName = Errno.name(errno);
    }

    private static String message(String call, int fd, int errno, String hint) {
        if (call == null) {
            throw new NullPointerException("call");
        }
        String named = call;
        if (fd >= 0) {
            // "recvmsg(fd 7)"; a call that names its option already, "setsockopt(SO_PASSCRED)", becomes
            // "setsockopt(fd 7, SO_PASSCRED)".
            int open = call.indexOf('(');
            named = open < 0 || !call.endsWith(")") ? call + "(fd " + fd + ")"
                    : call.substring(0, open + 1) + "fd " + fd + ", " + call.substring(open + 1);
        }
        String text = named + " failed: " + Errno.name(errno) + " (errno " + errno + ", " + Errno.describe(errno) + ")";
        return hint.isEmpty() ? text : text + ": " + hint;
    }

    /** {@return the descriptor the failed call was made on, or -1 if it was not made on one} */
    public int fd() {
        return fd;
    }

    /** {@return the name of the system call that failed, such as {@code "sendmsg"}} */
    public String call() {
        return call;
    }

    /** {@return the {@code errno} value, such as 9 for {@code EBADF} on Linux} */
    public int errno() {
        return errno;
    }

    /** {@return the symbolic name of {@link #errno()}, such as {@code "EBADF"}; {@code "errno N"} when unknown} */
    public String errnoName() {
        return errnoName;
    }
}
