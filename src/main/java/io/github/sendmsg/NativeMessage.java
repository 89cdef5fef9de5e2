package io.github.sendmsg;

import io.github.sendmsg.internal.ControlBuffer;
import io.github.sendmsg.internal.ControlWriter;
import io.github.sendmsg.internal.Errno;
import io.github.sendmsg.internal.MessageAccess;
import io.github.sendmsg.internal.MessageHeader;
import io.github.sendmsg.internal.Platform;
import io.github.sendmsg.internal.SocketAddresses;
import io.github.sendmsg.internal.Syscalls;
import io.github.sendmsg.internal.Vectors;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A reusable message for hot loops: it owns its native {@code msghdr}, iovecs, control buffers and
 * address buffers, so sending and receiving on native memory allocates nothing per call.
 * {@snippet :
 * try (Arena arena = Arena.ofConfined();
 *      NativeMessage message = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(4 * 8))) {
 *     MemorySegment buffer = arena.allocate(64);
 *     message.setBuffer(buffer).addRights(fdToPass);
 *     message.send(socket, 0);                     // buffer and fd go out; nothing allocated
 *
 *     message.clearControl();                      // the next send carries no descriptor
 *     long n = message.receive(peer, 0);           // into buffer; descriptors via fileDescriptor(i)
 *     for (int i = 0; i < message.fileDescriptorCount(); i++) {
 *         int fd = message.fileDescriptor(i);      // the caller's to close
 *     }
 * }
 * }
 *
 * <p><b>What is sent:</b> the buffers set with {@code setBuffer}/{@code setBuffers} (whole segments,
 * which must be native: heap memory cannot go into an {@code iovec}), the control messages added since
 * the last {@link #clearControl()}, and the address set with {@link #setAddress(String)}, if any. These
 * stay set across calls. <b>What is received</b> goes into the same buffers; the received control
 * data and sender's address are kept apart from those to send, so a receive never changes what the
 * next send sends.
 *
 * <p><b>Threads.</b> Not thread-safe: one thread at a time may use a message, any thread may (its
 * memory comes from a shared arena). {@link #close()} frees the native memory; closing while another
 * thread is inside {@code send}/{@code receive} fails with {@link IllegalStateException} instead of
 * freeing memory in use.
 *
 * <p><b>The buffers' memory.</b> Before each call the message refuses, as FFM itself would, a buffer
 * whose arena is closed ({@link IllegalStateException}) or that is confined to another thread than
 * the caller ({@link WrongThreadException}), and for a receive a read-only one
 * ({@link IllegalArgumentException}: a message may still send from it). It cannot hold a shared arena
 * open during the call: keep the buffers' arena open until the call returns.
 *
 * <p><b>Ownership.</b> Descriptors added with {@code addRights} stay the caller's. Descriptors
 * received belong to the caller from the moment {@link #receive} returns: take them with
 * {@link #fileDescriptor(int)} (and {@link #pidFd()} when {@code SO_PASSPIDFD} is on) and close them,
 * before the next receive replaces the control data.
 */
public final class NativeMessage implements AutoCloseable {

    private static final int NAME_SIZE = SocketAddresses.CAPACITY;

    static {
        MessageAccess.register(new MessageAccess.Operations() {
            @Override
            public MemorySegment prepareSend(Object message, int fd) {
                NativeMessage m = (NativeMessage) message;
                m.prepareSend();
                if (m.sendsOnlyAncillary()) {
                    requireByteWithAncillary(fd);
                }
                return m.header.segment();
            }

            @Override
            public MemorySegment prepareReceive(Object message, int fd, int flags, boolean stream) {
                NativeMessage m = (NativeMessage) message;
                if (m.prepareReceive(flags) == 0 && stream) {
                    throw Transfers.noRoomOnStream(fd);
                }
                return m.header.segment();
            }

            @Override
            public void finishReceive(Object message) {
                ((NativeMessage) message).finishReceive();
            }

            @Override
            public MemorySegment capture(Object message) {
                return ((NativeMessage) message).capture;
            }
        });
    }

    private final Arena arena;
    private final boolean ownsArena;
    private final MessageHeader header;
    private final MemorySegment capture;
    private final ControlWriter outgoing;
    private final MemorySegment receiveControl;
    private final MemorySegment sendName;
    private final MemorySegment receiveName;
    private final MemorySegment[] buffers;
    private final int controlCapacity;
    private int bufferCount;
    private int sendNameLength;
    /** The destination when it is an inet one, which cannot carry descriptors; null otherwise. */
    private InetSocketAddress inetDestination;
    private long receivedControlLength;
    /** The first SCM_RIGHTS run of the last receive, as {@link ControlBuffer#firstRights} gives it. */
    private long firstRights = ControlBuffer.ALL_RIGHTS;
    private int receivedNameLength;
    private int receivedFlags;

    /** A message over {@code header}, whose other memory comes from {@code arena}. */
    NativeMessage(Arena arena, boolean ownsArena, MessageHeader header, int controlCapacity) {
        this.arena = arena;
        this.ownsArena = ownsArena;
        this.header = header;
        this.capture = arena.allocate(Errno.CAPTURE_LAYOUT);
        int maxBuffers = header.capacity();
        this.outgoing = new ControlWriter(arena.allocate(Math.max(1, controlCapacity), ControlBuffer.ALIGNMENT), controlCapacity);
        this.receiveControl = arena.allocate(Math.max(1, controlCapacity), ControlBuffer.ALIGNMENT);
        this.sendName = arena.allocate(NAME_SIZE, ControlBuffer.ALIGNMENT);
        this.receiveName = arena.allocate(NAME_SIZE, ControlBuffer.ALIGNMENT);
        this.buffers = new MemorySegment[maxBuffers];
        this.controlCapacity = controlCapacity;
    }

    /**
     * A message with room for {@code maxBuffers} buffers and {@code controlCapacity} bytes of control
     * data each way.
     *
     * @param maxBuffers      the most buffers one call scatters or gathers, 1 to 1024
     * @param controlCapacity the control buffer size in bytes, such as {@code SendMsg.CMSG_SPACE(4 * n)}
     *                        for {@code n} descriptors; 0 for none
     * @return a new message; the caller must close it
     * @throws IllegalArgumentException if a size is out of range
     * @throws UnsupportedOperationException on a platform the library does not support
     */
    public static NativeMessage allocate(int maxBuffers, int controlCapacity) {
        checkSizes(maxBuffers, controlCapacity);
        Platform.requireSupported();
        Arena arena = Arena.ofShared();
        try {
            return new NativeMessage(arena, true, MessageHeader.allocate(arena, maxBuffers), controlCapacity);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    static void checkSizes(int maxBuffers, int controlCapacity) {
        if (maxBuffers < 1 || maxBuffers > Vectors.IOV_MAX) {
            throw new IllegalArgumentException("maxBuffers must be 1 to " + Vectors.IOV_MAX + ", not " + maxBuffers);
        }
        Arguments.requireNonNegative(controlCapacity, "controlCapacity");
    }

    /** {@return the most buffers this message takes} */
    public int maxBuffers() {
        return buffers.length;
    }

    /** {@return the size of each control buffer, in bytes} */
    public int controlCapacity() {
        return controlCapacity;
    }

    /**
     * Makes {@code segment} the only buffer: every buffer set before is forgotten.
     *
     * @param segment native memory to send from or receive into, whole
     * @return this message
     * @throws NullPointerException     if {@code segment} is null
     * @throws IllegalArgumentException if {@code segment} is not native memory
     */
    public NativeMessage setBuffer(MemorySegment segment) {
        Objects.requireNonNull(segment, "segment");
        clearBuffers();
        return setBuffer(0, segment);
    }

    private void clearBuffers() {
        Arrays.fill(buffers, null);
        bufferCount = 0;
    }

    /**
     * Sets buffer {@code index}, replacing the one there; the message then has at least
     * {@code index + 1} buffers, and every buffer below {@code index} must be set before a call.
     *
     * @param index  which buffer, from 0
     * @param segment native memory to send from or receive into, whole
     * @return this message
     * @throws NullPointerException      if {@code segment} is null
     * @throws IllegalArgumentException  if {@code segment} is not native memory
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #maxBuffers()}
     */
    public NativeMessage setBuffer(int index, MemorySegment segment) {
        Objects.requireNonNull(segment, "segment");
        Objects.checkIndex(index, buffers.length);
        if (!segment.isNative()) {
            throw new IllegalArgumentException("a NativeMessage buffer must be native memory (a heap segment cannot"
                    + " go into an iovec): allocate it from an Arena, or use SendMsg.sendmsg(int, MemorySegment[], …)");
        }
        buffers[index] = segment;
        header.setIovec(index, segment, segment.byteSize());
        bufferCount = Math.max(bufferCount, index + 1);
        return this;
    }

    /**
     * Makes {@code segments} the buffers, in order: every buffer set before is forgotten.
     *
     * @param segments native memory, in order
     * @return this message
     * @throws NullPointerException     if {@code segments} or an element is null
     * @throws IllegalArgumentException if there are more than {@link #maxBuffers()} or one is not native
     */
    public NativeMessage setBuffers(MemorySegment... segments) {
        Objects.requireNonNull(segments, "segments");
        if (segments.length > buffers.length) {
            throw new IllegalArgumentException("this message takes at most " + buffers.length + " buffers, not " + segments.length);
        }
        for (int i = 0; i < segments.length; i++) {
            Objects.requireNonNull(segments[i], "segments[" + i + "]");
        }
        clearBuffers();
        for (int i = 0; i < segments.length; i++) {
            setBuffer(i, segments[i]);
        }
        return this;
    }

    /** {@return how many buffers the next call uses} */
    public int bufferCount() {
        return bufferCount;
    }

    /**
     * Removes every control message added for sending.
     *
     * @return this message
     */
    public NativeMessage clearControl() {
        outgoing.clear();
        return this;
    }

    /**
     * Adds an {@code SCM_RIGHTS} message with one descriptor, allocating nothing. The descriptor stays
     * the caller's.
     *
     * @param fd the descriptor to pass
     * @return this message
     * @throws IllegalArgumentException if {@code fd} is negative, the control buffer is full, or the
     *                                  message would carry more than {@value SendMsg#SCM_MAX_FD} descriptors
     */
    public NativeMessage addRights(int fd) {
        Arguments.requireFd(fd);
        ControlWriter.putFd(outgoing.appendRights(1), 0, fd);
        return this;
    }

    /**
     * Adds an {@code SCM_RIGHTS} message with several descriptors, in order. They stay the caller's.
     *
     * @param fds the descriptors to pass, in order
     * @return this message
     * @throws IllegalArgumentException as {@link ControlMessage#rights(int...)}, or if the control buffer is full
     *                                  or the message would carry more than {@value SendMsg#SCM_MAX_FD} descriptors
     */
    public NativeMessage addRights(int... fds) {
        return add(ControlMessage.rights(fds));
    }

    /**
     * Adds a control message, typed or raw.
     *
     * @param message the control message
     * @return this message
     * @throws NullPointerException     if {@code message} is null
     * @throws IllegalArgumentException if the control buffer is full
     */
    public NativeMessage add(Ancillary message) {
        return add(Objects.requireNonNull(message, "message").toControlMessage());
    }

    /**
     * Adds a raw control message.
     *
     * @param message the control message
     * @return this message
     * @throws NullPointerException     if {@code message} is null
     * @throws IllegalArgumentException if the control buffer is full, or {@code SCM_RIGHTS} data is not
     *                                  whole non-negative ints, or the message would carry more than
     *                                  {@value SendMsg#SCM_MAX_FD} descriptors
     */
    public NativeMessage add(ControlMessage message) {
        Objects.requireNonNull(message, "message");
        Ancillaries.check(List.of(message));  // the same rules as every send
        outgoing.append(message.level(), message.type(), message.data());
        return this;
    }

    /**
     * Sends to {@code address} from now on: an {@code AF_UNIX} path or {@code "@name"} (the
     * {@code String} form {@link #address()} reports); null to send to the connected peer.
     *
     * @param address the destination, or null for the connected peer
     * @return this message
     * @throws IllegalArgumentException if the address cannot be an {@code AF_UNIX} address
     */
    public NativeMessage setAddress(String address) {
        sendNameLength = address == null ? 0 : SocketAddresses.encodeUnix(sendName, address);
        return this;
    }

    /**
     * Sends to {@code destination} from now on: a {@link UnixAddress}, the JDK's
     * {@link java.net.UnixDomainSocketAddress}, or an {@link java.net.InetSocketAddress} on an
     * {@code AF_INET}/{@code AF_INET6} socket (such as the {@link #sender()} of a receive); null to send
     * to the connected peer.
     *
     * @param destination the destination, or null for the connected peer
     * @return this message
     * @throws IllegalArgumentException for an address of another type, unresolved, or that does not fit
     */
    public NativeMessage setDestination(SocketAddress destination) {
        sendNameLength = destination == null ? 0 : Addresses.encode(sendName, destination);
        inetDestination = destination instanceof InetSocketAddress inet ? inet : null;
        return this;
    }

    /**
     * Sends the buffers, control messages and address set on this message: one {@code sendmsg}.
     * Allocates nothing.
     *
     * @param fd    a socket
     * @param flags {@code MSG_*} flags; {@code MSG_NOSIGNAL} is always added
     * @return the number of bytes sent
     * @throws ErrnoException           if {@code sendmsg} fails
     * @throws IllegalArgumentException if {@code fd} is negative, or nothing but ancillary data would go
     *                                  over a stream socket (the kernel would drop it)
     * @throws IllegalStateException    if this message or a buffer's memory was closed, or a buffer
     *                                  below the last one set is not set
     * @throws WrongThreadException     if a buffer is confined to another thread
     */
    public long send(int fd, int flags) throws ErrnoException {
        Arguments.requireFd(fd);
        prepareSend();
        if (sendsOnlyAncillary()) {
            requireByteWithAncillary(fd);
        }
        long sent = Syscalls.sendmsg(capture, fd, header.segment(), MessageHeader.sendFlags(flags));
        if (sent < 0) {
            throw Errors.send(fd, (int) -sent);
        }
        return sent;
    }

    /** True if this message would send control data with no bytes and no address. */
    boolean sendsOnlyAncillary() {
        return outgoing.length() > 0 && sendNameLength == 0 && header.totalLength(bufferCount) == 0;
    }

    static void requireByteWithAncillary(int fd) {
        if (Sockets.isStream(fd)) {
            throw new IllegalArgumentException("a stream socket needs at least one byte of data to carry"
                    + " ancillary data: the kernel would silently drop control messages sent with none");
        }
    }

    /**
     * Receives one message into the buffers: one {@code recvmsg}. The control buffer and the sender's
     * address are read back by {@link #flags()}, {@link #fileDescriptor(int)}, {@link #ancillary()}
     * and {@link #address()}. Received descriptors are close-on-exec. Allocates nothing.
     *
     * @param fd    a socket
     * @param flags {@code MSG_*} flags
     * @return the number of bytes received; 0 at end of stream
     * @throws ErrnoException           if {@code recvmsg} fails
     * @throws IllegalArgumentException if {@code fd} is negative, or a buffer is read-only
     * @throws IllegalStateException    if this message or a buffer's memory was closed, or a buffer
     *                                  below the last one set is not set
     * @throws WrongThreadException     if a buffer is confined to another thread
     */
    public long receive(int fd, int flags) throws ErrnoException {
        Arguments.requireFd(fd);
        if (prepareReceive(flags) == 0) {
            Transfers.requireRoomOnStream(fd, 0);
        }
        long received = Syscalls.recvmsg(capture, fd, header.segment(), MessageHeader.receiveFlags(flags));
        if (received < 0) {
            throw Errors.receive(fd, (int) -received);
        }
        finishReceive();
        return received;
    }

    /** Checks the buffers and fills the header for a send; shared with {@link MessageBatch}. */
    void prepareSend() {
        checkBuffers(false);
        if (inetDestination != null && outgoing.length() > 0) {
            Transfers.requireUnixForDescriptors(Ancillaries.parse(outgoing.segment(), outgoing.length()), inetDestination);
        }
        header.prepareSend(bufferCount, sendName, sendNameLength, outgoing.segment(), outgoing.length());
    }

    /**
     * Checks the buffers and fills the header for a receive; shared with {@link MessageBatch}. Returns
     * the room the buffers give, in bytes.
     */
    long prepareReceive(int flags) {
        long room = checkBuffers(true);
        receivedControlLength = 0;
        firstRights = ControlBuffer.ALL_RIGHTS;
        receivedNameLength = 0;
        receivedFlags = 0;
        header.prepareReceive(bufferCount, receiveName, NAME_SIZE, receiveControl, controlCapacity, flags);
        return room;
    }

    /** Reads back what the kernel wrote into the header after a receive. */
    void finishReceive() {
        receivedControlLength = header.receivedControlLength(controlCapacity);
        firstRights = ControlBuffer.firstRights(receiveControl, receivedControlLength);
        receivedNameLength = header.receivedNameLength();
        receivedFlags = header.receivedFlags();
    }

    /** Forgets the last receive: the message of a batch that the batch's last call did not fill. */
    void forgetReceive() {
        receivedControlLength = 0;
        firstRights = ControlBuffer.ALL_RIGHTS;
        receivedNameLength = 0;
        receivedFlags = 0;
    }

    /** Refuses a buffer FFM would refuse; returns the buffers' total size. */
    private long checkBuffers(boolean forReceive) {
        Thread caller = Thread.currentThread();
        long total = 0;
        for (int i = 0; i < bufferCount; i++) {
            MemorySegment buffer = buffers[i];
            if (buffer == null || !buffer.scope().isAlive() || !buffer.isAccessibleBy(caller)
                    || (forReceive && buffer.isReadOnly())) {
                refuseBuffer(i, forReceive);
            }
            total += buffer.byteSize();
        }
        return total;
    }

    /** Why buffer {@code index} cannot be used; kept out of {@link #checkBuffers} so the hot path stays small. */
    private void refuseBuffer(int index, boolean forReceive) {
        MemorySegment buffer = buffers[index];
        if (buffer == null) {
            throw new IllegalStateException("buffer " + index + " of this message is not set, but buffer "
                    + (bufferCount - 1) + " is: set every buffer below the last one");
        }
        if (!buffer.scope().isAlive()) {
            throw new IllegalStateException("buffer " + index + " of this message was freed (its arena is closed)");
        }
        MessageHeader.requireUsable(buffer, "buffer " + index + " of this message", forReceive);
    }

    /**
     * The flags of the last receive ({@code MSG_TRUNC}, {@code MSG_CTRUNC} …), without the
     * {@code MSG_CMSG_CLOEXEC} the library adds unless it was asked for.
     *
     * @return the flags the kernel returned
     */
    public int flags() {
        return receivedFlags;
    }

    /** {@return true if the last receive's control data was cut to fit ({@code MSG_CTRUNC})} */
    public boolean isControlTruncated() {
        return (receivedFlags & SendMsg.MSG_CTRUNC) != 0;
    }

    /** {@return how many descriptors the last receive installed. Allocates nothing} */
    public int fileDescriptorCount() {
        return (firstRights & ControlBuffer.ALL_RIGHTS) != 0 ? (int) (firstRights & (ControlBuffer.ALL_RIGHTS - 1))
                : ControlBuffer.countFds(receiveControl, receivedControlLength);
    }

    /**
     * Descriptor {@code index} of the last receive, across all its {@code SCM_RIGHTS} messages, in
     * order. Allocates nothing. The descriptor is the caller's to close.
     *
     * @param index which descriptor, from 0
     * @return the descriptor
     * @throws IndexOutOfBoundsException if fewer descriptors arrived
     */
    public int fileDescriptor(int index) {
        // The descriptors of one SCM_RIGHTS message, the usual case, without scanning the buffer again.
        if (index >= 0 && index < (int) (firstRights & (ControlBuffer.ALL_RIGHTS - 1))) {
            return receiveControl.get(ValueLayout.JAVA_INT_UNALIGNED, (firstRights >>> 32) + (long) index * Integer.BYTES);
        }
        return ControlBuffer.fdAt(receiveControl, receivedControlLength, index);
    }

    /** {@return every descriptor of the last receive, in a new array. They are the caller's to close} */
    public int[] fileDescriptors() {
        int[] fds = new int[fileDescriptorCount()];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = fileDescriptor(i);
        }
        return fds;
    }

    /**
     * The pidfd ({@code SCM_PIDFD}) the last receive installed when {@code SO_PASSPIDFD} is on
     * ({@link SendMsg#setPassPidFd(int, boolean)}), or -1 if none. Allocates nothing. The caller's to close.
     *
     * @return the pidfd, or -1
     */
    public int pidFd() {
        return ControlBuffer.pidFd(receiveControl, receivedControlLength);
    }

    /** {@return the control messages of the last receive, copied out, in order} */
    public List<ControlMessage> ancillary() {
        return List.copyOf(Ancillaries.parse(receiveControl, receivedControlLength));
    }

    /**
     * The {@code AF_UNIX} sender's address from the last receive, in its {@code String} form: a path,
     * or {@code "@name"} for an abstract name (bytes that are not UTF-8 as U+DC80 to U+DCFF), which
     * {@link #setAddress(String)} takes back to reach the same socket; null when the sending socket has
     * no name (an unbound socket, or either end of a socket pair), and for a sender of another family
     * (see {@link #sender()}).
     *
     * @return the sender's name, or null
     */
    public String address() {
        return sender() instanceof UnixAddress unix ? unix.asString() : null;
    }

    /**
     * The sender's address from the last receive, read by its family: a {@link UnixAddress} (exact
     * bytes), an {@link java.net.InetSocketAddress} on {@code AF_INET}/{@code AF_INET6}; null for none.
     *
     * @return the sender's address, or null
     */
    public SocketAddress sender() {
        return Addresses.sender(receiveName, receivedNameLength);
    }

    /**
     * Frees the native memory. Idempotent. Descriptors received and not yet closed stay open: they are
     * the caller's.
     *
     * @throws IllegalStateException if another thread is inside a call on this message
     */
    @Override
    public void close() {
        if (ownsArena && arena.scope().isAlive()) {
            arena.close();
        }
    }
}
