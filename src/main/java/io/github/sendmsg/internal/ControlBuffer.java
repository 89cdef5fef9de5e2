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

    /**
     * Writes one control message at {@code offset} of a zero-filled buffer and returns the offset of
     * the next one. The buffer must hold {@link #space(long) space(data.length)} bytes from there.
     */
    public static long put(MemorySegment buffer, long offset, int level, int type, byte[] data) {
        MemorySegment header = buffer.asSlice(offset, space(data.length));
        cmsghdr.cmsg_len(header, len(data.length));
        cmsghdr.cmsg_level(header, level);
        cmsghdr.cmsg_type(header, type);
        MemorySegment.copy(data, 0, header, ValueLayout.JAVA_BYTE, HEADER, data.length);
        return offset + space(data.length);
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

    /** The number of whole descriptors in {@code SCM_RIGHTS} data of {@code byteSize} bytes. */
    public static int fdCount(long byteSize) {
        return (int) (byteSize / FD_SIZE);
    }

    /** Descriptor {@code index} of {@code SCM_RIGHTS} data. */
    public static int fd(MemorySegment rightsData, int index) {
        return rightsData.get(ValueLayout.JAVA_INT_UNALIGNED, (long) index * FD_SIZE);
    }

    /**
     * Closes every descriptor in every {@code SCM_RIGHTS} message of the buffer: what a receive does
     * when it cannot hand them to its caller. Errors are ignored; each descriptor is closed once.
     */
    public static void closeReceivedFds(MemorySegment buffer, long length, MemorySegment capture) {
        parse(buffer, length, (level, type, data) -> {
            if (isRights(level, type)) {
                for (int i = 0, n = fdCount(data.byteSize()); i < n; i++) {
                    Syscalls.close(capture, fd(data, i));
                }
            }
        });
    }
}
