package io.github.sendmsg;

import io.github.sendmsg.internal.Errno;

import java.io.IOException;
import java.io.Serial;

/**
 * A system call failed: carries the call's name and the {@code errno} it set.
 *
 * <p>The message reads like {@code "sendmsg failed: EBADF (errno 9, Bad file descriptor)"}. Arguments
 * that are wrong before any call is made raise {@link IllegalArgumentException} or
 * {@link NullPointerException} instead; this exception always means the kernel said no.
 */
public final class ErrnoException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;
    private final String errnoName;

    /**
     * Describes a failed call.
     *
     * @param call  the name of the system call, such as {@code "recvmsg"}
     * @param errno the value of {@code errno} it left, a positive number
     * @throws NullPointerException if {@code call} is null
     */
    public ErrnoException(String call, int errno) {
        super(message(call, errno));
        this.call = call;
        this.errno = errno;
        this.errnoName = Errno.name(errno);
    }

    private static String message(String call, int errno) {
        if (call == null) {
            throw new NullPointerException("call");
        }
        return call + " failed: " + Errno.name(errno) + " (errno " + errno + ", " + Errno.describe(errno) + ")";
    }

    /** The name of the system call that failed, such as {@code "sendmsg"}. */
    public String call() {
        return call;
    }

    /** The {@code errno} value, such as 9 for {@code EBADF} on Linux. */
    public int errno() {
        return errno;
    }

    /** The symbolic name of {@link #errno()}, such as {@code "EBADF"}; {@code "errno N"} when unknown. */
    public String errnoName() {
        return errnoName;
    }
}
