package io.github.sendmsg.internal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

/**
 * Scatter/gather: points a {@link MessageHeader}'s iovecs at the caller's buffers. Native memory
 * (direct buffers, native segments) is used in place; heap memory cannot go into an {@code iovec}, so
 * it is staged through scratch memory, copied in before a send and out after a receive.
 */
public final class Vectors {

    /** Linux's {@code IOV_MAX}: the most buffers one call takes. */
    public static final int IOV_MAX = 1024;

    private Vectors() {
    }

    /** Checks a buffer array before any call: not null, no null element, at most {@link #IOV_MAX}. */
    public static void check(Object[] buffers, boolean forReceive) {
        Objects.requireNonNull(buffers, "buffers");
        if (buffers.length > IOV_MAX) {
            throw new IllegalArgumentException("at most " + IOV_MAX + " buffers (IOV_MAX) per call, not " + buffers.length);
        }
        for (int i = 0; i < buffers.length; i++) {
            Object buffer = buffers[i];
            if (buffer == null) {
                // Not requireNonNull(buffer, message): that would build the message on every call.
                throw new NullPointerException("buffers[" + i + "] is null");
            }
            if (forReceive && buffer instanceof ByteBuffer b && b.isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
            if (forReceive && buffer instanceof MemorySegment s && s.isReadOnly()) {
                throw new IllegalArgumentException("buffers[" + i + "] is a read-only segment");
            }
        }
    }

    /**
     * Points the first {@code buffers.length} iovecs of {@code header} at each buffer's remaining bytes.
     *
     * @param copyIn true for a send: heap bytes are copied into their staging memory
     * @return the total number of bytes the iovecs describe
     */
    public static long fill(Scratch scratch, MessageHeader header, ByteBuffer[] buffers, boolean copyIn) {
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
                target = MessageHeader.requireUsable(MemorySegment.ofBuffer(buffer), i, !copyIn);
            } else {
                target = staging.asSlice(stagingOffset, remaining);
                stagingOffset += remaining;
                if (copyIn) {
                    MemorySegment.copy(MemorySegment.ofBuffer(buffer), 0, target, 0, remaining);
                }
            }
            header.setIovec(i, target, remaining);
            total += remaining;
        }
        return total;
    }

    /** Points iovecs at whole segments; heap segments are staged. Returns the total bytes. */
    public static long fill(Scratch scratch, MessageHeader header, MemorySegment[] segments, boolean copyIn) {
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
            MemorySegment target = MessageHeader.requireUsable(segment, i, !copyIn);
            if (!segment.isNative()) {
                target = staging.asSlice(stagingOffset, segment.byteSize());
                stagingOffset += segment.byteSize();
                if (copyIn) {
                    MemorySegment.copy(segment, 0, target, 0, segment.byteSize());
                }
            }
            header.setIovec(i, target, segment.byteSize());
            total += segment.byteSize();
        }
        return total;
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
    public static void received(MessageHeader header, ByteBuffer[] buffers, long count) {
        long left = count;
        for (int i = 0; i < buffers.length && left > 0; i++) {
            ByteBuffer buffer = buffers[i];
            int step = (int) Math.min(buffer.remaining(), left);
            if (!buffer.isDirect()) {
                MemorySegment.copy(header.iovecBase(i, step), 0, MemorySegment.ofBuffer(buffer), 0, step);
            }
            buffer.position(buffer.position() + step);
            left -= step;
        }
    }

    /** After a receive of {@code count} bytes: copies staged bytes into heap segments. */
    public static void received(MessageHeader header, MemorySegment[] segments, long count) {
        long left = count;
        for (int i = 0; i < segments.length && left > 0; i++) {
            MemorySegment segment = segments[i];
            long step = Math.min(segment.byteSize(), left);
            if (!segment.isNative()) {
                MemorySegment.copy(header.iovecBase(i, step), 0, segment, 0, step);
            }
            left -= step;
        }
    }
}
