package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.linger;
import io.github.sendmsg.internal.libc.sockaddr_storage;
import io.github.sendmsg.internal.libc.ucred;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Socket queries and options, with the struct work done here: each returns a value (never negative)
 * or {@code -errno}, and the caller names the call in its exception.
 */
public final class SocketCalls {

    /** {@code sizeof(struct ucred)}. */
    public static final int UCRED_SIZE = (int) ucred.sizeof();

    private SocketCalls() {
    }

    /** The address family from {@code getsockname}, or {@code -errno}. */
    public static int family(Scratch scratch, int fd) {
        MemorySegment small = scratch.small();
        MemorySegment address = small.asSlice(0, sockaddr_storage.sizeof());
        MemorySegment length = small.asSlice(sockaddr_storage.sizeof(), Integer.BYTES);
        length.set(ValueLayout.JAVA_INT, 0, (int) sockaddr_storage.sizeof());
        int result = Syscalls.getsockname(scratch.capture(), fd, address, length);
        return result < 0 ? result : Short.toUnsignedInt(sockaddr_storage.ss_family(address));
    }

    /**
     * {@code getsockname} ({@code peer} false) or {@code getpeername} into the start of the scratch's
     * small area: the address length, or {@code -errno}.
     */
    public static int address(Scratch scratch, int fd, boolean peer) {
        MemorySegment small = scratch.small();
        MemorySegment address = small.asSlice(0, sockaddr_storage.sizeof());
        MemorySegment length = small.asSlice(sockaddr_storage.sizeof(), Integer.BYTES);
        length.set(ValueLayout.JAVA_INT, 0, (int) sockaddr_storage.sizeof());
        int result = peer ? Syscalls.getpeername(scratch.capture(), fd, address, length)
                : Syscalls.getsockname(scratch.capture(), fd, address, length);
        return result < 0 ? result : length.get(ValueLayout.JAVA_INT, 0);
    }

    /** An int-valued option from {@code getsockopt}, or {@code Integer.MIN_VALUE} and errno in the capture. */
    public static int intOption(Scratch scratch, int fd, int level, int name) {
        MemorySegment small = scratch.small();
        MemorySegment value = small.asSlice(0, Integer.BYTES);
        MemorySegment length = small.asSlice(Integer.BYTES, Integer.BYTES);
        length.set(ValueLayout.JAVA_INT, 0, Integer.BYTES);
        int result = Syscalls.getsockopt(scratch.capture(), fd, level, name, value, length);
        return result < 0 ? Integer.MIN_VALUE : value.get(ValueLayout.JAVA_INT, 0);
    }

    /**
     * {@code SO_LINGER} of {@code fd}: the linger time in seconds if it is on, -1 if it is off, or
     * {@code Integer.MIN_VALUE} if it cannot be read.
     */
    public static int linger(Scratch scratch, int fd) {
        MemorySegment small = scratch.small();
        MemorySegment value = small.asSlice(0, linger.sizeof());
        MemorySegment length = small.asSlice(64, Integer.BYTES);
        length.set(ValueLayout.JAVA_INT, 0, (int) linger.sizeof());
        int result = Syscalls.getsockopt(scratch.capture(), fd, Constants.SOL_SOCKET, io.github.sendmsg.internal.libc.Libc.SO_LINGER(),
                value, length);
        if (result < 0) {
            return Integer.MIN_VALUE;
        }
        return linger.l_onoff(value) != 0 ? linger.l_linger(value) : -1;
    }

    /** The {@code SO_TYPE} of {@code fd}, or -1 if it cannot be read. */
    public static int type(Scratch scratch, int fd) {
        int type = intOption(scratch, fd, Constants.SOL_SOCKET, Constants.SO_TYPE);
        return type == Integer.MIN_VALUE ? -1 : type;
    }

    /** Sets an int-valued option: 0, or {@code -errno}. */
    public static int setIntOption(Scratch scratch, int fd, int level, int name, int value) {
        MemorySegment option = scratch.small().asSlice(0, Integer.BYTES);
        option.set(ValueLayout.JAVA_INT, 0, value);
        return Syscalls.setsockopt(scratch.capture(), fd, level, name, option, Integer.BYTES);
    }

    /**
     * {@code SO_PEERCRED} into {@code credentials} as {@code {pid, uid, gid}}: 0, or {@code -errno}.
     */
    public static int peerCredentials(Scratch scratch, int fd, int[] credentials) {
        MemorySegment small = scratch.small();
        MemorySegment value = small.asSlice(0, ucred.sizeof());
        MemorySegment length = small.asSlice(64, Integer.BYTES);
        length.set(ValueLayout.JAVA_INT, 0, (int) ucred.sizeof());
        int result = Syscalls.getsockopt(scratch.capture(), fd, Constants.SOL_SOCKET, Constants.SO_PEERCRED, value, length);
        if (result == 0) {
            credentials[0] = ucred.pid(value);
            credentials[1] = ucred.uid(value);
            credentials[2] = ucred.gid(value);
        }
        return result;
    }

    /** {@code struct ucred} as the 12 native-order bytes of {@code SCM_CREDENTIALS} data. */
    public static byte[] encodeCredentials(int pid, int uid, int gid) {
        MemorySegment data = MemorySegment.ofArray(new byte[UCRED_SIZE]);
        data.set(ValueLayout.JAVA_INT_UNALIGNED, ucred.pid$offset(), pid);
        data.set(ValueLayout.JAVA_INT_UNALIGNED, ucred.uid$offset(), uid);
        data.set(ValueLayout.JAVA_INT_UNALIGNED, ucred.gid$offset(), gid);
        return data.toArray(ValueLayout.JAVA_BYTE);
    }

    /** {@code SCM_CREDENTIALS} data as {@code {pid, uid, gid}}; the caller checks the length. */
    public static int[] decodeCredentials(byte[] bytes) {
        MemorySegment data = MemorySegment.ofArray(bytes);
        return new int[] {data.get(ValueLayout.JAVA_INT_UNALIGNED, ucred.pid$offset()),
                data.get(ValueLayout.JAVA_INT_UNALIGNED, ucred.uid$offset()),
                data.get(ValueLayout.JAVA_INT_UNALIGNED, ucred.gid$offset())};
    }
}
