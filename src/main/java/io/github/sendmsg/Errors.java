package io.github.sendmsg;

/**
 * The {@link ErrnoException}s of sends and receives, with a hint where a common mistake is the likely
 * cause. Kept apart from the hot paths, which only call here once a call has failed.
 */
final class Errors {

    private Errors() {
    }

    /** A failed {@code sendmsg} on {@code fd}. */
    static ErrnoException send(int fd, int errno) {
        return new ErrnoException("sendmsg", fd, errno);
    }

    /** A failed {@code recvmsg} on {@code fd}. */
    static ErrnoException receive(int fd, int errno) {
        return new ErrnoException("recvmsg", fd, errno);
    }
}
