package io.github.sendmsg;

import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.Syscalls;
import io.github.sendmsg.internal.libc.Libc;
import io.github.sendmsg.internal.libc.sockaddr_storage;
import io.github.sendmsg.internal.libc.ucred;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Socket queries that the public classes share: {@code getsockname}, {@code getsockopt}. */
final class Sockets {

    private Sockets() {
    }

    /** The address family of {@code fd}. */
    static int family(int fd) throws ErrnoException {
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment small = scratch.small();
            MemorySegment address = small.asSlice(0, sockaddr_storage.sizeof());
            MemorySegment length = small.asSlice(sockaddr_storage.sizeof(), Integer.BYTES);
            length.set(ValueLayout.JAVA_INT, 0, (int) sockaddr_storage.sizeof());
            int result = Syscalls.getsockname(scratch.capture(), fd, address, length);
            if (result < 0) {
                throw new ErrnoException("getsockname", -result);
            }
            return Short.toUnsignedInt(sockaddr_storage.ss_family(address));
        } finally {
            scratch.release();
        }
    }

    /** Sets an int-valued socket option. */
    static void setIntOption(int fd, int level, int name, int value, String what) throws ErrnoException {
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment option = scratch.small().asSlice(0, Integer.BYTES);
            option.set(ValueLayout.JAVA_INT, 0, value);
            int result = Syscalls.setsockopt(scratch.capture(), fd, level, name, option, Integer.BYTES);
            if (result < 0) {
                throw new ErrnoException("setsockopt(" + what + ")", -result);
            }
        } finally {
            scratch.release();
        }
    }

    /** {@code SO_PEERCRED}: the credentials of the peer when it connected. */
    static Credentials peerCredentials(int fd) throws ErrnoException {
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment small = scratch.small();
            MemorySegment value = small.asSlice(0, ucred.sizeof());
            MemorySegment length = small.asSlice(64, Integer.BYTES);
            length.set(ValueLayout.JAVA_INT, 0, (int) ucred.sizeof());
            int result = Syscalls.getsockopt(scratch.capture(), fd, Libc.SOL_SOCKET(), Libc.SO_PEERCRED(), value, length);
            if (result < 0) {
                throw new ErrnoException("getsockopt(SO_PEERCRED)", -result);
            }
            return new Credentials(ucred.pid(value), ucred.uid(value), ucred.gid(value));
        } finally {
            scratch.release();
        }
    }

    /** The {@code SO_TYPE} of {@code fd}, or -1 if it cannot be read. */
    static int type(int fd) {
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment small = scratch.small();
            MemorySegment value = small.asSlice(0, Integer.BYTES);
            MemorySegment length = small.asSlice(Integer.BYTES, Integer.BYTES);
            length.set(ValueLayout.JAVA_INT, 0, Integer.BYTES);
            int result = Syscalls.getsockopt(scratch.capture(), fd, Libc.SOL_SOCKET(), Libc.SO_TYPE(), value, length);
            return result < 0 ? -1 : value.get(ValueLayout.JAVA_INT, 0);
        } finally {
            scratch.release();
        }
    }
}
