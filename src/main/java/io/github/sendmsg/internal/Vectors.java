package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.Libc;
import io.github.sendmsg.internal.libc.iovec;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

/**
 * Scatter/gather: points an {@code iovec} array at the caller's buffers. Native memory (direct
 * buffers, native segments) is used in place; heap memory cannot go into an {@code iovec}, so it is
 * staged through scratch memory, copied in before a send and out after a receive.
 */
public final class Vectors {

    /** Linux's {@code IOV_MAX}: the most buffers one call takes. */
    public static final int IOV_MAX = 1024;

    private static final long IOVEC_SIZE = iovec.sizeof();
    private static final long BASE = iovec.iov_base$offset();
    private static final long LENGTH = iovec.iov_len$offset();

    private Vectors() {
    }

    /** Checks a buffer array before any call: not null, no null element, at most {@link #IOV_MAX}. */
    public static void check(Object[] buffers, boolean forReceive) {
        Objects.requireNonNull(buffers, "buffers");
        if (buffers.length > IOV_MAX) {
            throw new IllegalArgumentException("at most " + IOV_MAX + " buffers (IOV_MAX) per call, not " + buffers.length);
        }
        for (int i = 0; i < buffers.length; i++) {
            Object buffer = Objects.requireNonNull(buffers[i], "buffers[" + i + "] is null");
            if (forReceive && buffer instanceof ByteBuffer b && b.isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
            if (forReceive && buffer instanceof MemorySegment s && s.isReadOnly()) {
                throw new IllegalArgumentException("buffers[" + i + "] is a read-only segment");
            }
        }
    }

    /**
     * Fills {@code buffers.length} iovecs with each buffer's remaining bytes.
     *
     * @param copyIn true for a send: heap bytes are copied into their staging memory
     * @return the total number of bytes the iovecs describe
     */
    public static long fill(Scratch scratch, MemorySegment iovecs, ByteBuffer[] buffers, boolean copyIn) {
        long staged = 0;
        for (ByteBuffer buffer : buffers) {
            if (!buffer.isDirect()) {
                staged += buffer.remaining();
            }
        }
        MemorySegment staging = staged == 0 ? MemorySegment.NULL : scratch.data(staged);
        long stagingOffset = 0;
        long total = 0;
        for (int i = 0; i < buffers.length; i++) {
            ByteBuffer buffer = buffers[i];
            int remaining = buffer.remaining();
            MemorySegment target;
            if (buffer.isDirect()) {
                target = requireAlive(MemorySegment.ofBuffer(buffer), i);
            } else {
                target = staging.asSlice(stagingOffset, remaining);
                stagingOffset += remaining;
                if (copyIn) {
                    MemorySegment.copy(MemorySegment.ofBuffer(buffer), 0, target, 0, remaining);
                }
            }
            set(iovecs, i, target, remaining);
            total += remaining;
        }
        return total;
    }

    /** Fills iovecs with whole segments; heap segments are staged. Returns the total bytes. */
    public static long fill(Scratch scratch, MemorySegment iovecs, MemorySegment[] segments, boolean copyIn) {
        long staged = 0;
        for (MemorySegment segment : segments) {
            if (!segment.isNative()) {
                staged += segment.byteSize();
            }
        }
        MemorySegment staging = staged == 0 ? MemorySegment.NULL : scratch.data(staged);
        long stagingOffset = 0;
        long total = 0;
        for (int i = 0; i < segments.length; i++) {
            MemorySegment segment = segments[i];
            MemorySegment target = requireAlive(segment, i);
            if (!segment.isNative()) {
                target = staging.asSlice(stagingOffset, segment.byteSize());
                stagingOffset += segment.byteSize();
                if (copyIn) {
                    MemorySegment.copy(segment, 0, target, 0, segment.byteSize());
                }
            }
            set(iovecs, i, target, segment.byteSize());
            total += segment.byteSize();
        }
        return total;
    }

    /**
     * The caller's memory, refused if its arena is closed: through an iovec the kernel would read or
     * fill it freed, and no Java access would notice.
     */
    private static MemorySegment requireAlive(MemorySegment memory, int index) {
        if (!memory.scope().isAlive()) {
            throw new IllegalStateException("buffers[" + index + "] belongs to an arena that is closed");
        }
        return memory;
    }

    /** Points iovec {@code index} at {@code size} bytes of {@code base}. */
    public static void set(MemorySegment iovecs, int index, MemorySegment base, long size) {
        iovecs.set(Libc.C_POINTER, index * IOVEC_SIZE + BASE, base);
        iovecs.set(Libc.C_LONG, index * IOVEC_SIZE + LENGTH, size);
    }

    /** After a send of {@code count} bytes: advances positions, as a gathering channel write does. */
    public static void sent(ByteBuffer[] buffers, long count) {
        long left = count;
        for (ByteBuffer buffer : buffers) {
            int step = (int) Math.min(buffer.remaining(), left);
            buffer.position(buffer.position() + step);
            left -= step;
        }
    }

    /**
     * After a receive of {@code count} bytes into iovecs filled from {@code buffers}: copies staged
     * bytes into heap buffers and advances positions, as a scattering channel read does.
     */
    public static void received(MemorySegment iovecs, ByteBuffer[] buffers, long count) {
        long left = count;
        for (int i = 0; i < buffers.length && left > 0; i++) {
            ByteBuffer buffer = buffers[i];
            int step = (int) Math.min(buffer.remaining(), left);
            if (!buffer.isDirect()) {
                MemorySegment.copy(base(iovecs, i, step), 0, MemorySegment.ofBuffer(buffer), 0, step);
            }
            buffer.position(buffer.position() + step);
            left -= step;
        }
    }

    /** After a receive of {@code count} bytes: copies staged bytes into heap segments. */
    public static void received(MemorySegment iovecs, MemorySegment[] segments, long count) {
        long left = count;
        for (int i = 0; i < segments.length && left > 0; i++) {
            MemorySegment segment = segments[i];
            long step = Math.min(segment.byteSize(), left);
            if (!segment.isNative()) {
                MemorySegment.copy(base(iovecs, i, step), 0, segment, 0, step);
            }
            left -= step;
        }
    }

    private static MemorySegment base(MemorySegment iovecs, int index, long size) {
        return iovecs.get(Libc.C_POINTER, index * IOVEC_SIZE + BASE).reinterpret(size);
    }

}
