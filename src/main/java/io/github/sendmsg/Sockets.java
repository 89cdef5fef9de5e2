package io.github.sendmsg;

import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.Errno;
import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.SocketCalls;

/** Socket queries that the public classes share, with failures turned into {@link ErrnoException}s. */
final class Sockets {

    private Sockets() {
    }

    /** The address family of {@code fd}. */
    static int family(int fd) throws ErrnoException {
        Scratch scratch = Scratch.acquire();
        try {
            int family = SocketCalls.family(scratch, fd);
            if (family < 0) {
                throw new ErrnoException("getsockname", fd, -family);
            }
            return family;
        } finally {
            scratch.release();
        }
    }

    /** Sets an int-valued socket option; {@code what} names it in the exception. */
    static void setIntOption(int fd, int level, int name, int value, String what) throws ErrnoException {
        Scratch scratch = Scratch.acquire();
        try {
            int result = SocketCalls.setIntOption(scratch, fd, level, name, value);
            if (result < 0) {
                throw new ErrnoException("setsockopt(" + what + ")", fd, -result);
            }
        } finally {
            scratch.release();
        }
    }

    /** {@code SO_PEERCRED}: the credentials of the peer when it connected. */
    static Credentials peerCredentials(int fd) throws ErrnoException {
        int[] credentials = new int[3];
        Scratch scratch = Scratch.acquire();
        try {
            int result = SocketCalls.peerCredentials(scratch, fd, credentials);
            if (result < 0) {
                throw new ErrnoException("getsockopt(SO_PEERCRED)", fd, -result);
            }
        } finally {
            scratch.release();
        }
        return new Credentials(credentials[0], credentials[1], credentials[2]);
    }

    /** The {@code SO_TYPE} of {@code fd}, or -1 if it cannot be read. */
    static int type(int fd) {
        Scratch scratch = Scratch.acquire();
        try {
            return SocketCalls.type(scratch, fd);
        } finally {
            scratch.release();
        }
    }

    /** True if {@code fd} is a stream socket; a failure (say {@code EBADF}) is left for the next call to report. */
    static boolean isStream(int fd) {
        return type(fd) == Constants.SOCK_STREAM;
    }
}
