package io.github.sendmsg.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Control data being built for a send, in a fixed native buffer: messages are appended in order, each
 * header zero-filled first, without allocating. Refuses what the kernel would refuse about the whole
 * ({@value #SCM_MAX_FD} descriptors per message) and what does not fit.
 */
public final class ControlWriter {

    /** The most descriptors Linux takes in one message, across all its {@code SCM_RIGHTS} items. */
    public static final int SCM_MAX_FD = 253;

    private final MemorySegment buffer;
    private final long capacity;
    private long length;
    private int descriptors;

    /** A writer over the first {@code capacity} bytes of {@code buffer}, aligned to {@link ControlBuffer#ALIGNMENT}. */
    public ControlWriter(MemorySegment buffer, long capacity) {
        this.buffer = buffer;
        this.capacity = capacity;
    }

    /** The control data written so far. */
    public MemorySegment segment() {
        return buffer;
    }

    /** How many bytes of control data there are. */
    public long length() {
        return length;
    }

    /** Forgets every message written. */
    public void clear() {
        length = 0;
        descriptors = 0;
    }

    /**
     * Appends an {@code SCM_RIGHTS} message of {@code count} descriptors whose data the caller fills
     * with {@link #putFd(MemorySegment, int, int)}: the data area is returned.
     *
     * @throws IllegalArgumentException if the buffer is full or the message would pass {@value #SCM_MAX_FD}
     */
    public MemorySegment appendRights(int count) {
        checkDescriptorCount(count);
        MemorySegment data = reserve(ControlBuffer.SOL_SOCKET, ControlBuffer.SCM_RIGHTS, (long) count * ControlBuffer.FD_SIZE);
        descriptors += count;
        return data;
    }

    /** Writes descriptor {@code index} of an {@code SCM_RIGHTS} data area. */
    public static void putFd(MemorySegment rightsData, int index, int fd) {
        rightsData.set(ValueLayout.JAVA_INT_UNALIGNED, (long) index * ControlBuffer.FD_SIZE, fd);
    }

    /**
     * Appends a message with {@code data} as its data, counting its descriptors if it is
     * {@code SCM_RIGHTS} (whose data the caller has checked to be whole ints).
     *
     * @throws IllegalArgumentException if the buffer is full or the message would pass {@value #SCM_MAX_FD}
     */
    public void append(int level, int type, byte[] data) {
        int fds = ControlBuffer.isRights(level, type) ? data.length / ControlBuffer.FD_SIZE : 0;
        checkDescriptorCount(fds);
        MemorySegment target = reserve(level, type, data.length);
        MemorySegment.copy(data, 0, target, ValueLayout.JAVA_BYTE, 0, data.length);
        descriptors += fds;
    }

    /**
     * Refuses to take the message past {@value #SCM_MAX_FD} descriptors, as every send does, instead of
     * letting the kernel answer {@code EINVAL}.
     */
    private void checkDescriptorCount(int added) {
        if (descriptors + added > SCM_MAX_FD) {
            throw new IllegalArgumentException("at most " + SCM_MAX_FD + " descriptors can be sent in one"
                    + " message (Linux SCM_MAX_FD); this message has " + descriptors + " and " + added + " more were added");
        }
    }

    /** Appends a zeroed control message header and returns its data area. */
    private MemorySegment reserve(int level, int type, long dataLength) {
        long space = ControlBuffer.space(dataLength);
        if (length + space > capacity) {
            throw new IllegalArgumentException("the control buffer holds " + capacity + " bytes; "
                    + length + " are used and this message needs " + space);
        }
        MemorySegment slot = buffer.asSlice(length, space).fill((byte) 0);
        ControlBuffer.putHeader(slot, 0, level, type, dataLength);
        length += space;
        return slot.asSlice(ControlBuffer.HEADER, dataLength);
    }
}
