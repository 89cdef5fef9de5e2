package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.mmsghdr;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;

/**
 * An array of {@code struct mmsghdr} for {@code sendmmsg(2)}/{@code recvmmsg(2)}: one
 * {@link MessageHeader} per slot, and the byte count the kernel writes back for each.
 */
public final class MessageVector {

    private static final long SLOT = mmsghdr.sizeof();
    private static final long LENGTH = mmsghdr.msg_len$offset();

    private final MemorySegment slots;
    private final int size;

    /** {@code size} zeroed slots from {@code allocator}. */
    public MessageVector(SegmentAllocator allocator, int size) {
        this.slots = mmsghdr.allocateArray(size, allocator);
        this.size = size;
    }

    /** The message header of slot {@code index}, with room for {@code maxIovecs} iovecs from {@code allocator}. */
    public MessageHeader header(int index, SegmentAllocator allocator, int maxIovecs) {
        MemorySegment header = mmsghdr.msg_hdr(mmsghdr.asSlice(slots, index));
        return new MessageHeader(header, allocator.allocate(Math.max(1, maxIovecs) * MessageHeader.iovecSize(),
                ValueLayout.ADDRESS.byteAlignment()), maxIovecs);
    }

    /** {@code sendmmsg} of the first {@code count} slots, {@code MSG_NOSIGNAL} added: messages sent, or {@code -errno}. */
    public int send(MemorySegment capture, int fd, int count, int flags) {
        clearLengths();
        return Syscalls.sendmmsg(capture, fd, slots, count, MessageHeader.sendFlags(flags));
    }

    /**
     * {@code recvmmsg} into the first {@code count} slots, {@code MSG_CMSG_CLOEXEC} added: messages
     * received, or {@code -errno}. Each slot's header must be prepared for a receive with the same flags.
     */
    public int receive(MemorySegment capture, int fd, int count, int flags) {
        clearLengths();
        return Syscalls.recvmmsg(capture, fd, slots, count, MessageHeader.receiveFlags(flags));
    }

    /** The bytes slot {@code index} sent or received in the last call ({@code msg_len}); 0 if it took no part. */
    public long length(int index) {
        return Integer.toUnsignedLong(slots.get(ValueLayout.JAVA_INT, index * SLOT + LENGTH));
    }

    private void clearLengths() {
        for (int i = 0; i < size; i++) {
            slots.set(ValueLayout.JAVA_INT, i * SLOT + LENGTH, 0);
        }
    }
}
