package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.iovec;
import io.github.sendmsg.internal.libc.msghdr;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;

/**
 * A message header in native memory: one {@code struct msghdr} and the {@code iovec} array it points
 * at. Everything that fills a header for {@code sendmsg}/{@code recvmsg} (or one slot of
 * {@code sendmmsg}/{@code recvmmsg}) and reads it back goes through here: the iovecs, the name, the
 * control buffer and flags, the checks on the caller's memory before it reaches an iovec, the policy
 * flags every call adds ({@code MSG_NOSIGNAL} on sends, {@code MSG_CMSG_CLOEXEC} on receives), and
 * the sender's address after a receive.
 *
 * <p>Not thread-safe: a header belongs to one call in flight (a {@link Scratch}, a reusable message,
 * a channel's reader or writer).
 */
public final class MessageHeader {

    private static final long IOVEC_SIZE = iovec.sizeof();
    private static final long IOV_BASE = iovec.iov_base$offset();
    private static final long IOV_LEN = iovec.iov_len$offset();
    private static final int CLOEXEC = Constants.MSG_CMSG_CLOEXEC;
    private static final int NOSIGNAL = Constants.MSG_NOSIGNAL;

    private final MemorySegment header;
    private final MemorySegment iovecs;
    private final int capacity;
    private int requestedFlags;
    // What the pointer fields hold now, so that a header reused with the same buffers (a NativeMessage in
    // a loop) writes only its lengths and flags: every struct access costs C2 nodes, and a hot loop that
    // grows past NodeCountInliningCutoff stops inlining and keeps the errno-capture slice (40 B per call).
    private MemorySegment writtenName;
    private MemorySegment writtenControl;
    private boolean iovecsWritten;

    /**
     * A header over existing memory.
     *
     * @param header a {@code struct msghdr} (for example, the {@code msg_hdr} of an {@code mmsghdr})
     * @param iovecs room for {@code capacity} {@code struct iovec}
     */
    public MessageHeader(MemorySegment header, MemorySegment iovecs, int capacity) {
        if (header.byteSize() < msghdr.sizeof() || iovecs.byteSize() < capacity * IOVEC_SIZE) {
            throw new IllegalArgumentException("a message header needs " + msghdr.sizeof() + " bytes and "
                    + IOVEC_SIZE + " per iovec");
        }
        this.header = header;
        this.iovecs = iovecs;
        this.capacity = capacity;
    }

    /** A header with room for {@code capacity} iovecs, allocated from {@code allocator}. */
    public static MessageHeader allocate(SegmentAllocator allocator, int capacity) {
        return new MessageHeader(msghdr.allocate(allocator), iovec.allocateArray(Math.max(1, capacity), allocator), capacity);
    }

    /** {@code sizeof(struct msghdr)}. */
    public static long size() {
        return msghdr.sizeof();
    }

    /** {@code sizeof(struct iovec)}. */
    public static long iovecSize() {
        return IOVEC_SIZE;
    }

    /** How many iovecs the header has room for. */
    public int capacity() {
        return capacity;
    }

    /** The {@code struct msghdr} itself. */
    public MemorySegment segment() {
        return header;
    }

    // ---- the caller's memory ----

    /**
     * Refuses memory that must not reach an iovec: memory whose arena is closed (the kernel would read
     * or fill freed memory and no Java access would notice), memory confined to another thread (FFM
     * refuses that thread's access; its owner may close the arena while the call runs), and, for a
     * receive, read-only memory (the kernel would write it, or fail with {@code EFAULT} after taking the
     * message off the queue). What cannot be checked: a shared arena closed by another thread while the
     * call runs.
     *
     * @param what names the buffer in the exception, such as {@code "buffers[2]"}
     * @return {@code memory}
     * @throws IllegalStateException    if its arena is closed
     * @throws WrongThreadException     if it is confined to another thread
     * @throws IllegalArgumentException if {@code forReceive} and it is read-only
     */
    public static MemorySegment requireUsable(MemorySegment memory, String what, boolean forReceive) {
        if (!memory.scope().isAlive()) {
            throw new IllegalStateException(what + " belongs to an arena that is closed");
        }
        if (!memory.isAccessibleBy(Thread.currentThread())) {
            throw new WrongThreadException(what + " is confined to another thread; its owner could free it while the"
                    + " kernel uses it: pass memory of this thread's or a shared arena");
        }
        if (forReceive && memory.isReadOnly()) {
            throw new IllegalArgumentException(what + " is a read-only segment: a receive writes into its buffers");
        }
        return memory;
    }

    /** {@link #requireUsable(MemorySegment, String, boolean)} for buffer {@code index}. */
    public static MemorySegment requireUsable(MemorySegment memory, int index, boolean forReceive) {
        if (memory.scope().isAlive() && memory.isAccessibleBy(Thread.currentThread())
                && !(forReceive && memory.isReadOnly())) {
            return memory;  // the common case, with no string built
        }
        return requireUsable(memory, "buffers[" + index + "]", forReceive);
    }

    // ---- iovecs ----

    /** Points iovec {@code index} at {@code length} bytes from {@code base}. No checks: see {@link #requireUsable}. */
    public void setIovec(int index, MemorySegment base, long length) {
        iovecs.set(ValueLayout.ADDRESS, index * IOVEC_SIZE + IOV_BASE, base);
        iovecs.set(ValueLayout.JAVA_LONG, index * IOVEC_SIZE + IOV_LEN, length);
    }

    /** The length iovec {@code index} describes. */
    public long iovecLength(int index) {
        return iovecs.get(ValueLayout.JAVA_LONG, index * IOVEC_SIZE + IOV_LEN);
    }

    /** The memory iovec {@code index} points at, as a segment of {@code size} bytes. */
    public MemorySegment iovecBase(int index, long size) {
        return iovecs.get(ValueLayout.ADDRESS, index * IOVEC_SIZE + IOV_BASE).reinterpret(size);
    }

    /** The bytes the first {@code count} iovecs describe. */
    public long totalLength(int count) {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += iovecLength(i);
        }
        return total;
    }

    // ---- filling ----

    /**
     * Fills the header for a send of the first {@code count} iovecs, with {@code nameLength} bytes of
     * address at {@code name} (none if 0) and {@code controlLength} bytes of control data at
     * {@code control} (none if 0).
     */
    public void prepareSend(int count, MemorySegment name, int nameLength, MemorySegment control, long controlLength) {
        fill(count, name, nameLength, control, controlLength);
    }

    /**
     * Fills the header for a receive into the first {@code count} iovecs, with room for a name of
     * {@code nameCapacity} bytes (none if 0) and {@code controlCapacity} bytes of control data (none if 0);
     * {@code flags} are the caller's, without what {@link #receiveFlags(int)} adds.
     */
    public void prepareReceive(int count, MemorySegment name, int nameCapacity, MemorySegment control,
                               long controlCapacity, int flags) {
        requestedFlags = flags;
        fill(count, name, nameCapacity, control, controlCapacity);
    }

    private void fill(int count, MemorySegment name, int nameLength, MemorySegment control, long controlLength) {
        MemorySegment namePointer = nameLength == 0 ? MemorySegment.NULL : name;
        if (namePointer != writtenName) {
            msghdr.msg_name(header, namePointer);
            writtenName = namePointer;
        }
        msghdr.msg_namelen(header, nameLength);
        if (!iovecsWritten) {
            msghdr.msg_iov(header, iovecs);
            iovecsWritten = true;
        }
        msghdr.msg_iovlen(header, count);
        MemorySegment controlPointer = controlLength == 0 ? MemorySegment.NULL : control;
        if (controlPointer != writtenControl) {
            msghdr.msg_control(header, controlPointer);
            writtenControl = controlPointer;
        }
        msghdr.msg_controllen(header, controlLength);
        msghdr.msg_flags(header, 0);
    }

    // ---- the calls ----
    // Callers pass segment() to Syscalls.sendmsg/recvmsg themselves, with sendFlags/receiveFlags: one more
    // frame between a hot loop and the downcall made C2 keep the errno-capture slice (40 B per call seen).

    /** The flags a receive adds to what the caller asked for. */
    public static int receiveFlags(int flags) {
        return flags | CLOEXEC;
    }

    /** The flags a send adds to what the caller asked for. */
    public static int sendFlags(int flags) {
        return flags | NOSIGNAL;
    }

    // ---- reading back ----

    /** After a receive: the control bytes the kernel wrote, never more than {@code capacity}. */
    public long receivedControlLength(long capacity) {
        return Math.min(msghdr.msg_controllen(header), capacity);
    }

    /** After a receive: the length of the sender's address the kernel wrote (0 for none). */
    public int receivedNameLength() {
        return msghdr.msg_namelen(header);
    }

    /**
     * After a receive: {@code msg_flags}, without the {@code MSG_CMSG_CLOEXEC} the library added unless
     * the caller asked for it too (Linux echoes it back).
     */
    public int receivedFlags() {
        return visibleFlags(msghdr.msg_flags(header), requestedFlags);
    }

    /** {@code msg_flags} as the caller should see them, given the flags it asked for. */
    public static int visibleFlags(int returned, int requested) {
        return returned & ~(CLOEXEC & ~requested);
    }
}
