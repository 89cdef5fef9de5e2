package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.Libc;
import io.github.sendmsg.internal.libc.cmsghdr;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Encoding and decoding of control messages ({@code struct cmsghdr} sequences), the Java form of the
 * {@code CMSG_*} macros, which jextract cannot generate.
 *
 * <p>The parser trusts nothing in the buffer: it never reads past the {@code msg_controllen} it is
 * given, stops at a header whose {@code cmsg_len} is shorter than a header, clamps a {@code cmsg_len}
 * that runs past the end (macOS reports the untruncated length), and counts only whole ints as
 * descriptors.
 */
public final class ControlBuffer {

    /** {@code sizeof(struct cmsghdr)}: where a message's data starts. */
    public static final long HEADER = align(cmsghdr.sizeof());
    /** Control messages are aligned to {@code size_t}. */
    public static final long ALIGNMENT = Libc.C_LONG.byteSize();
    /** The size of one descriptor in {@code SCM_RIGHTS} data. */
    public static final int FD_SIZE = Integer.BYTES;

    public static final int SOL_SOCKET = Libc.SOL_SOCKET();
    public static final int SCM_RIGHTS = Libc.SCM_RIGHTS();
    /** A pidfd of the sender, which the kernel installs in the receiver when it set {@code SO_PASSPIDFD}. */
    public static final int SCM_PIDFD = Libc.SCM_PIDFD();

    private ControlBuffer() {
    }

    /** {@code CMSG_ALIGN(n)}. */
    public static long align(long n) {
        return (n + Libc.C_LONG.byteSize() - 1) & -Libc.C_LONG.byteSize();
    }

    /** {@code CMSG_LEN(n)}: the {@code cmsg_len} of a message carrying {@code n} data bytes. */
    public static long len(long n) {
        return HEADER + n;
    }

    /** {@code CMSG_SPACE(n)}: the buffer space a message carrying {@code n} data bytes takes. */
    public static long space(long n) {
        return HEADER + align(n);
    }

    /** True for {@code (SOL_SOCKET, SCM_RIGHTS)}. */
    public static boolean isRights(int level, int type) {
        return level == SOL_SOCKET && type == SCM_RIGHTS;
    }

    /** True for {@code (SOL_SOCKET, SCM_PIDFD)}: one int, a pidfd the kernel installed (Linux 6.5+). */
    public static boolean isPidFd(int level, int type) {
        return level == SOL_SOCKET && type == SCM_PIDFD;
    }

    /**
     * Writes one control message at {@code offset} of a zero-filled buffer and returns the offset of
     * the next one. The buffer must hold {@link #space(long) space(data.length)} bytes from there.
     */
    public static long put(MemorySegment buffer, long offset, int level, int type, byte[] data) {
        putHeader(buffer, offset, level, type, data.length);
        MemorySegment.copy(data, 0, buffer, ValueLayout.JAVA_BYTE, offset + HEADER, data.length);
        return offset + space(data.length);
    }

    /**
     * Writes the header of a control message carrying {@code dataLength} bytes at {@code offset}; the
     * data goes at {@code offset + HEADER}.
     */
    public static void putHeader(MemorySegment buffer, long offset, int level, int type, long dataLength) {
        MemorySegment header = buffer.asSlice(offset, HEADER);
        cmsghdr.cmsg_len(header, len(dataLength));
        cmsghdr.cmsg_level(header, level);
        cmsghdr.cmsg_type(header, type);
    }

    /** Receives each control message the parser finds. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * One control message; {@code data} is a view into the control buffer, valid during the call.
         */
        void visit(int level, int type, MemorySegment data);
    }

    /**
     * Calls {@code visitor} for each control message in the first {@code length} bytes of
     * {@code buffer}, in order, never reading past them.
     *
     * @return true if the whole length parsed cleanly; false if it ended in a malformed or cut header
     */
    public static boolean parse(MemorySegment buffer, long length, Visitor visitor) {
        long end = Math.min(Math.max(length, 0), buffer.byteSize());
        long offset = 0;
        while (end - offset >= HEADER) {
            MemorySegment header = buffer.asSlice(offset, HEADER);
            long messageLength = cmsghdr.cmsg_len(header);
            long available = end - offset;
            if (messageLength < HEADER) {
                return false;
            }
            boolean clamped = messageLength > available;
            long dataLength = (clamped ? available : messageLength) - HEADER;
            visitor.visit(cmsghdr.cmsg_level(header), cmsghdr.cmsg_type(header),
                    buffer.asSlice(offset + HEADER, dataLength));
            if (clamped) {
                return false;
            }
            offset += align(messageLength);
        }
        return offset >= end;
    }

    /**
     * How many whole descriptors all {@code SCM_RIGHTS} messages in the first {@code length} bytes
     * hold. Allocates nothing, for the reusable-message hot path.
     */
    public static int countFds(MemorySegment buffer, long length) {
        return (int) fdAt(buffer, length, -1L);
    }

    /**
     * Descriptor {@code index} across all {@code SCM_RIGHTS} messages in the first {@code length}
     * bytes, in order. Allocates nothing.
     *
     * @throws IndexOutOfBoundsException if there are not that many
     */
    public static int fdAt(MemorySegment buffer, long length, int index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("descriptor index " + index);
        }
        long found = fdAt(buffer, length, (long) index);
        if (found == NOT_FOUND) {
            throw new IndexOutOfBoundsException("descriptor index " + index + " of " + countFds(buffer, length));
        }
        return (int) found;
    }

    /** In {@link #firstRights}: the run holds every descriptor of the buffer. */
    public static final long ALL_RIGHTS = 1L << 31;

    /**
     * Where the descriptors of the first {@code SCM_RIGHTS} message in the first {@code length} bytes
     * are, so that a reader can take them without scanning again: the data's offset in the high 32 bits,
     * their count in the low 31 bits, and {@link #ALL_RIGHTS} when no control message follows that
     * could hold more (so the count is {@link #countFds}'s). Descriptor {@code i} below the count is the
     * int at {@code offset + 4 * i}, the one {@link #fdAt} returns. Allocates nothing.
     */
    public static long firstRights(MemorySegment buffer, long length) {
        long end = Math.min(Math.max(length, 0), buffer.byteSize());
        long offset = 0;
        while (end - offset >= HEADER) {
            long messageLength = buffer.get(Libc.C_LONG, offset + cmsghdr.cmsg_len$offset());
            if (messageLength < HEADER) {
                break;
            }
            long available = end - offset;
            long dataLength = Math.min(messageLength, available) - HEADER;
            if (isRights(buffer.get(Libc.C_INT, offset + cmsghdr.cmsg_level$offset()),
                    buffer.get(Libc.C_INT, offset + cmsghdr.cmsg_type$offset()))) {
                boolean last = messageLength > available || end - (offset + align(messageLength)) < HEADER;
                return (offset + HEADER) << 32 | (last ? ALL_RIGHTS : 0) | (dataLength / FD_SIZE);
            }
            if (messageLength > available) {
                break;
            }
            offset += align(messageLength);
        }
        return ALL_RIGHTS;
    }

    /** What the scan returns for a missing index: outside the int range, unlike any descriptor value. */
    private static final long NOT_FOUND = Long.MIN_VALUE;

    /** With {@code index < 0}: the count. Otherwise the descriptor at index, or {@link #NOT_FOUND}. */
    private static long fdAt(MemorySegment buffer, long length, long index) {
        long end = Math.min(Math.max(length, 0), buffer.byteSize());
        long offset = 0;
        long seen = 0;
        while (end - offset >= HEADER) {
            long messageLength = buffer.get(Libc.C_LONG, offset + cmsghdr.cmsg_len$offset());
            if (messageLength < HEADER) {
                break;
            }
            long available = end - offset;
            boolean clamped = messageLength > available;
            long dataLength = (clamped ? available : messageLength) - HEADER;
            if (isRights(buffer.get(Libc.C_INT, offset + cmsghdr.cmsg_level$offset()),
                    buffer.get(Libc.C_INT, offset + cmsghdr.cmsg_type$offset()))) {
                long count = dataLength / FD_SIZE;
                if (index >= 0 && index < seen + count) {
                    return buffer.get(ValueLayout.JAVA_INT_UNALIGNED, offset + HEADER + (index - seen) * FD_SIZE);
                }
                seen += count;
            }
            if (clamped) {
                break;
            }
            offset += align(messageLength);
        }
        return index < 0 ? seen : NOT_FOUND;
    }

    /**
     * The pidfd of the first {@code SCM_PIDFD} message in the first {@code length} bytes, or -1 if there
     * is none. Allocates nothing.
     */
    public static int pidFd(MemorySegment buffer, long length) {
        long end = Math.min(Math.max(length, 0), buffer.byteSize());
        long offset = 0;
        while (end - offset >= HEADER) {
            long messageLength = buffer.get(Libc.C_LONG, offset + cmsghdr.cmsg_len$offset());
            if (messageLength < HEADER || messageLength > end - offset) {
                break;
            }
            if (messageLength - HEADER >= FD_SIZE && isPidFd(buffer.get(Libc.C_INT, offset + cmsghdr.cmsg_level$offset()),
                    buffer.get(Libc.C_INT, offset + cmsghdr.cmsg_type$offset()))) {
                return buffer.get(ValueLayout.JAVA_INT_UNALIGNED, offset + HEADER);
            }
            offset += align(messageLength);
        }
        return -1;
    }

    /**
     * Closes every descriptor the kernel installed with the control data in the buffer (those of every
     * {@code SCM_RIGHTS} message, and an {@code SCM_PIDFD}): what a receive does when it cannot hand
     * them to its caller. Errors are ignored; each descriptor is closed once.
     */
    public static void closeReceivedFds(MemorySegment buffer, long length, MemorySegment capture) {
        for (int i = 0, n = countFds(buffer, length); i < n; i++) {
            Syscalls.close(capture, fdAt(buffer, length, i));
        }
        int pidFd = pidFd(buffer, length);
        if (pidFd >= 0) {
            Syscalls.close(capture, pidFd);
        }
    }
}
