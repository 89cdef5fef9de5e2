package io.github.sendmsg;

import io.github.sendmsg.internal.ControlBuffer;
import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.Syscalls;
import io.github.sendmsg.internal.UnixAddress;
import io.github.sendmsg.internal.Vectors;
import io.github.sendmsg.internal.libc.Libc;
import io.github.sendmsg.internal.libc.msghdr;
import io.github.sendmsg.internal.libc.sockaddr_un;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code sendmsg(2)} and {@code recvmsg(2)} in the shape of Twisted's {@code send1msg}/{@code recv1msg}:
 * one buffer of bytes plus a list of {@link ControlMessage}s, descriptors passed as plain {@code int}s.
 *
 * <p>Sending regular data, then receiving it:
 * {@snippet :
 * int[] pair = Posix.socketpair();
 * int sent = SendMsg.send1msg(pair[0], "Hello, world".getBytes());
 * ReceivedMessage received = SendMsg.recv1msg(pair[1], 1024);
 * // received.data() is "Hello, world", received.flags() is 0, received.ancillary() is []
 * }
 * Copying a descriptor into whoever receives on the other end ({@code SCM_RIGHTS}):
 * {@snippet :
 * int[] pipe = Posix.pipe();
 * SendMsg.send1msg(pair[0], new byte[] {0}, 0, List.of(ControlMessage.rights(pipe[0])));
 * int duplicate = SendMsg.recv1msg(pair[1], 1024).fileDescriptors()[0];   // the caller's to close
 * }
 *
 * <p><b>What the library adds to the system calls.</b> Sends never raise {@code SIGPIPE}
 * ({@code MSG_NOSIGNAL} is always set: a closed peer gives {@code EPIPE}). Received descriptors are
 * close-on-exec ({@code MSG_CMSG_CLOEXEC} is always set, and not shown in the returned flags unless
 * asked for). {@code EINTR} is retried. Every descriptor the kernel installs reaches the caller, even
 * when the control buffer was too small ({@code MSG_CTRUNC} is then set in the flags), or is closed
 * before an exception leaves the call. Wrong arguments are refused before any system call.
 *
 * <p><b>Memory the kernel reads or fills.</b> Direct buffers and native segments go to the kernel in
 * place, through {@code iovec}s. A buffer whose arena is already closed is refused with
 * {@code IllegalStateException}; but a shared arena closed by another thread <em>during</em> a call
 * is not detected (Java offers no way to hold an arena open across a call that reaches memory only
 * through pointers), so keep the arena open until the call returns, as for any native call.
 *
 * <p><b>Threads.</b> Every method is thread-safe. Each call blocks its thread in the kernel unless the
 * socket is non-blocking or {@link #MSG_DONTWAIT} is given. A virtual thread blocked here stays mounted
 * on its carrier (the JDK cannot unmount a thread inside a native call), so blocking receives from
 * many virtual threads can starve the others: use {@code MSG_DONTWAIT} or platform threads for those.
 *
 * <p>Constants carry the values of the platform the library supports: Linux on x86_64 and aarch64.
 * On any other platform every call throws {@link UnsupportedOperationException}.
 */
public final class SendMsg {

    /** Socket-level options and control messages. */
    public static final int SOL_SOCKET = Libc.SOL_SOCKET();
    /** Control message type that carries descriptors. */
    public static final int SCM_RIGHTS = Libc.SCM_RIGHTS();
    /** Control message type that carries a process's credentials ({@code struct ucred}). */
    public static final int SCM_CREDENTIALS = Libc.SCM_CREDENTIALS();
    /** Local (Unix domain) sockets. */
    public static final int AF_UNIX = Libc.AF_UNIX();
    /** IPv4 sockets. */
    public static final int AF_INET = Libc.AF_INET();
    /** IPv6 sockets. */
    public static final int AF_INET6 = Libc.AF_INET6();
    /** Connected byte streams. */
    public static final int SOCK_STREAM = Libc.SOCK_STREAM();
    /** Datagrams. */
    public static final int SOCK_DGRAM = Libc.SOCK_DGRAM();
    /** Connected records with boundaries. */
    public static final int SOCK_SEQPACKET = Libc.SOCK_SEQPACKET();
    /** Or'd into a socket type: the new socket is non-blocking. */
    public static final int SOCK_NONBLOCK = Libc.SOCK_NONBLOCK();
    /** Receive without taking the data off the queue. Each peek installs new copies of any descriptors. */
    public static final int MSG_PEEK = Libc.MSG_PEEK();
    /** Do not block: fail with {@code EAGAIN} instead. */
    public static final int MSG_DONTWAIT = Libc.MSG_DONTWAIT();
    /** Block until the full amount requested has arrived (stream sockets). */
    public static final int MSG_WAITALL = Libc.MSG_WAITALL();
    /** Returned: the datagram or record was longer than the buffer and was cut. */
    public static final int MSG_TRUNC = Libc.MSG_TRUNC();
    /** Returned: the ancillary data was longer than the control buffer and was cut. */
    public static final int MSG_CTRUNC = Libc.MSG_CTRUNC();
    /** Do not raise {@code SIGPIPE} on a broken connection; every send here sets it. */
    public static final int MSG_NOSIGNAL = Libc.MSG_NOSIGNAL();
    /** Make received descriptors close-on-exec; every receive here sets it. */
    public static final int MSG_CMSG_CLOEXEC = Libc.MSG_CMSG_CLOEXEC();
    /** The most descriptors Linux takes in one message, across all its {@code SCM_RIGHTS} items. */
    public static final int SCM_MAX_FD = 253;

    /** Twisted's default largest message to receive. */
    static final int DEFAULT_MAX_SIZE = 8192;
    /** Twisted's default ancillary data size: the control buffer is {@code CMSG_SPACE(4096)}. */
    static final int DEFAULT_CMSG_SIZE = 4096;
    private static final long SIZE_LIMIT = 0x7FFFFFFFL;

    private SendMsg() {
    }

    /**
     * Sends {@code data} with no flags and no ancillary data, like {@code send(2)}.
     *
     * @param fd   a connected socket
     * @param data the bytes to send
     * @return the number of bytes sent, which on a non-blocking stream socket may be fewer than all
     * @throws ErrnoException       if {@code sendmsg} fails ({@code EBADF}, {@code EPIPE}, {@code EAGAIN} …)
     * @throws NullPointerException if {@code data} is null
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static int send1msg(int fd, byte[] data) throws ErrnoException {
        return sendmsg(fd, data, List.of(), 0);
    }

    /**
     * Sends {@code data} with {@code flags} and no ancillary data.
     *
     * @param fd    a connected socket
     * @param data  the bytes to send
     * @param flags {@code MSG_*} flags, such as {@link #MSG_DONTWAIT}; {@code MSG_NOSIGNAL} is always added
     * @return the number of bytes sent
     * @throws ErrnoException       if {@code sendmsg} fails
     * @throws NullPointerException if {@code data} is null
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static int send1msg(int fd, byte[] data, int flags) throws ErrnoException {
        return sendmsg(fd, data, List.of(), flags);
    }

    /**
     * Sends {@code data} with {@code flags} and ancillary data: Twisted's {@code send1msg}.
     *
     * <p>On a stream socket the descriptors travel with the first byte of {@code data}, so at least one
     * byte must be sent with them (the kernel would silently drop descriptors sent with none: this
     * method refuses that instead). A partial send on a non-blocking socket has already sent the
     * descriptors with its first byte; do not send them again with the rest.
     *
     * <p>Ownership: descriptors in {@code ancillary} stay the caller's; the receiver gets copies.
     *
     * @param fd        a connected socket; {@code AF_UNIX} to pass descriptors (other families ignore them)
     * @param data      the bytes to send
     * @param flags     {@code MSG_*} flags; {@code MSG_NOSIGNAL} is always added
     * @param ancillary the control messages to send, in order; empty for none
     * @return the number of bytes sent
     * @throws ErrnoException           if {@code sendmsg} fails ({@code EBADF} for a bad descriptor in
     *                                  {@code SCM_RIGHTS} data, {@code EINVAL} for an unknown
     *                                  {@code SOL_SOCKET} type, {@code ENOBUFS} for too much ancillary data …)
     * @throws NullPointerException     if {@code data}, {@code ancillary} or an item of it is null
     * @throws IllegalArgumentException if {@code fd} is negative; if {@code SCM_RIGHTS} data is not whole
     *                                  non-negative ints, or holds more than {@value #SCM_MAX_FD}
     *                                  descriptors in all; if the ancillary data exceeds 2 GiB; or if
     *                                  {@code data} is empty, ancillary data is not, and the socket is a
     *                                  stream socket
     */
    public static int send1msg(int fd, byte[] data, int flags, List<ControlMessage> ancillary) throws ErrnoException {
        return sendmsg(fd, data, ancillary, flags);
    }

    /**
     * Sends {@code data} with ancillary data and flags: Twisted's later spelling,
     * {@code sendmsg(socket, data, ancillary, flags)}. Otherwise the same as
     * {@link #send1msg(int, byte[], int, List)}.
     *
     * @param fd        a connected socket
     * @param data      the bytes to send
     * @param ancillary the control messages to send; empty for none
     * @param flags     {@code MSG_*} flags; {@code MSG_NOSIGNAL} is always added
     * @return the number of bytes sent
     * @throws ErrnoException           if {@code sendmsg} fails
     * @throws NullPointerException     if {@code data}, {@code ancillary} or an item of it is null
     * @throws IllegalArgumentException as for {@link #send1msg(int, byte[], int, List)}
     */
    public static int sendmsg(int fd, byte[] data, List<ControlMessage> ancillary, int flags) throws ErrnoException {
        Arguments.requireFd(fd);
        Objects.requireNonNull(data, "data");
        long controlSize = checkAncillary(ancillary);
        requireByteWithAncillary(fd, data.length, controlSize, null);
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment buffer = scratch.data(data.length);
            MemorySegment.copy(data, 0, buffer, ValueLayout.JAVA_BYTE, 0, data.length);
            MemorySegment iovecs = scratch.iovecs(1);
            Vectors.set(iovecs, 0, buffer, data.length);
            return (int) transmit(scratch, fd, iovecs, 1, ancillary, controlSize, flags, null);
        } finally {
            scratch.release();
        }
    }

    /**
     * Sends the remaining bytes of several buffers as one message (gather), with ancillary data: like
     * {@link java.nio.channels.GatheringByteChannel#write(ByteBuffer[])}, each buffer's position
     * advances by the bytes taken from it. Direct buffers are sent in place; heap buffers are copied.
     *
     * @param fd        a connected socket
     * @param buffers   the buffers, in order; at most 1024
     * @param ancillary the control messages to send; empty for none
     * @param flags     {@code MSG_*} flags; {@code MSG_NOSIGNAL} is always added
     * @return the number of bytes sent
     * @throws ErrnoException           if {@code sendmsg} fails
     * @throws NullPointerException     if an argument or an element is null
     * @throws IllegalArgumentException as for {@link #send1msg(int, byte[], int, List)}, or for more
     *                                  than 1024 buffers
     * @throws IllegalStateException    if a direct buffer's memory belongs to a closed arena
     */
    public static long sendmsg(int fd, ByteBuffer[] buffers, List<ControlMessage> ancillary, int flags) throws ErrnoException {
        return sendmsg(fd, buffers, ancillary, flags, null);
    }

    /**
     * Gathers the remaining bytes of several buffers into one message to {@code address}: on an
     * unconnected datagram socket, the destination (Python's {@code sendmsg(buffers, ancdata, flags,
     * address)}). Each buffer's position advances by the bytes taken from it.
     *
     * @param fd        a socket
     * @param buffers   the buffers, in order; at most 1024
     * @param ancillary the control messages to send; empty for none
     * @param flags     {@code MSG_*} flags; {@code MSG_NOSIGNAL} is always added
     * @param address   an {@code AF_UNIX} path, {@code "@name"} for an abstract name, or null for the
     *                  connected peer
     * @return the number of bytes sent
     * @throws ErrnoException           if {@code sendmsg} fails ({@code ECONNREFUSED}, {@code ENOENT} for
     *                                  no such address, {@code EISCONN} …)
     * @throws NullPointerException     if an argument other than {@code address}, or an element, is null
     * @throws IllegalArgumentException as for {@link #sendmsg(int, ByteBuffer[], List, int)}, or if the
     *                                  address cannot be an {@code AF_UNIX} address
     */
    public static long sendmsg(int fd, ByteBuffer[] buffers, List<ControlMessage> ancillary, int flags, String address)
            throws ErrnoException {
        Vectors.check(buffers, false);
        try {
            long sent = gather(fd, buffers.length, (scratch, iovecs) -> Vectors.fill(scratch, iovecs, buffers, true),
                    ancillary, flags, address);
            Vectors.sent(buffers, sent);
            return sent;
        } finally {
            Reference.reachabilityFence(buffers);  // the kernel reads the buffers' memory through the iovecs
        }
    }

    /**
     * Sends several memory segments as one message (gather) to the connected peer, with ancillary data.
     * Native segments are sent in place (zero-copy); heap segments are copied.
     *
     * @param fd        a connected socket
     * @param segments  the segments, each sent whole, in order; at most 1024
     * @param ancillary the control messages to send; empty for none
     * @param flags     {@code MSG_*} flags; {@code MSG_NOSIGNAL} is always added
     * @return the number of bytes sent
     * @throws ErrnoException           if {@code sendmsg} fails
     * @throws NullPointerException     if an argument or an element is null
     * @throws IllegalArgumentException as for {@link #sendmsg(int, ByteBuffer[], List, int)}
     * @throws IllegalStateException    if a segment's arena is closed
     */
    public static long sendmsg(int fd, MemorySegment[] segments, List<ControlMessage> ancillary, int flags)
            throws ErrnoException {
        return sendmsg(fd, segments, ancillary, flags, null);
    }

    /**
     * Sends several memory segments as one message (gather), with ancillary data, optionally to an
     * address. Native segments are sent in place (zero-copy); heap segments are copied.
     *
     * @param fd        a socket
     * @param segments  the segments, each sent whole, in order; at most 1024
     * @param ancillary the control messages to send; empty for none
     * @param flags     {@code MSG_*} flags; {@code MSG_NOSIGNAL} is always added
     * @param address   an {@code AF_UNIX} path or {@code "@name"}, or null for the connected peer
     * @return the number of bytes sent
     * @throws ErrnoException           if {@code sendmsg} fails
     * @throws NullPointerException     if an argument other than {@code address}, or an element, is null
     * @throws IllegalArgumentException as for {@link #sendmsg(int, ByteBuffer[], List, int, String)}
     * @throws IllegalStateException    if a segment's arena is closed
     */
    public static long sendmsg(int fd, MemorySegment[] segments, List<ControlMessage> ancillary, int flags, String address)
            throws ErrnoException {
        Vectors.check(segments, false);
        try {
            return gather(fd, segments.length, (scratch, iovecs) -> Vectors.fill(scratch, iovecs, segments, true),
                    ancillary, flags, address);
        } finally {
            Reference.reachabilityFence(segments);  // an automatic arena must not free them mid-call
        }
    }

    /** Points iovecs at the caller's buffers and returns the bytes they describe. */
    @FunctionalInterface
    private interface Filler {
        long fill(Scratch scratch, MemorySegment iovecs);
    }

    /** The gather send shared by the ByteBuffer[] and MemorySegment[] overloads. */
    private static long gather(int fd, int count, Filler filler, List<ControlMessage> ancillary, int flags, String address)
            throws ErrnoException {
        Arguments.requireFd(fd);
        long controlSize = checkAncillary(ancillary);
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment iovecs = scratch.iovecs(count);
            long total = filler.fill(scratch, iovecs);
            requireByteWithAncillary(fd, total, controlSize, address);
            return transmit(scratch, fd, iovecs, count, ancillary, controlSize, flags, address);
        } finally {
            scratch.release();
        }
    }

    /** The one sendmsg path: encodes the ancillary data and the address, then makes the call. */
    private static long transmit(Scratch scratch, int fd, MemorySegment iovecs, int count, List<ControlMessage> ancillary,
                                 long controlSize, int flags, String address) throws ErrnoException {
        MemorySegment control = MemorySegment.NULL;
        if (controlSize > 0) {
            control = scratch.control(controlSize).fill((byte) 0);
            long offset = 0;
            for (ControlMessage message : ancillary) {
                offset = ControlBuffer.put(control, offset, message.level(), message.type(), message.data());
            }
        }
        MemorySegment name = MemorySegment.NULL;
        int nameLength = 0;
        if (address != null) {
            name = scratch.small();
            nameLength = UnixAddress.encode(name, address);
        }
        MemorySegment message = scratch.message(iovecs, count, name, nameLength, control);
        long sent = Syscalls.sendmsg(scratch.capture(), fd, message, flags | MSG_NOSIGNAL);
        if (sent < 0) {
            throw new ErrnoException("sendmsg", (int) -sent);
        }
        return sent;
    }

    /** The how-to's "at least one byte" rule, checked where the kernel would drop descriptors. */
    private static void requireByteWithAncillary(int fd, long total, long controlSize, String address) {
        if (total == 0 && controlSize > 0 && address == null && isStream(fd)) {
            throw new IllegalArgumentException("a stream socket needs at least one byte of data to carry"
                    + " ancillary data: the kernel would silently drop control messages sent with none");
        }
    }

    /** Checks the ancillary data and returns the control buffer size it needs. */
    static long checkAncillary(List<ControlMessage> ancillary) {
        Objects.requireNonNull(ancillary, "ancillary");
        long size = 0;
        int fds = 0;
        for (ControlMessage message : ancillary) {
            Objects.requireNonNull(message, "an item of ancillary is null");
            if (message.isRights()) {
                if (message.data().length % Integer.BYTES != 0) {
                    throw new IllegalArgumentException("SCM_RIGHTS data must be whole 4-byte ints (descriptors),"
                            + " not " + message.data().length + " bytes");
                }
                for (int fd : message.fileDescriptors()) {
                    if (fd < 0) {
                        throw new IllegalArgumentException("SCM_RIGHTS data holds a negative descriptor: " + fd);
                    }
                }
                fds += message.data().length / Integer.BYTES;
            }
            size += ControlBuffer.space(message.data().length);
            if (size > SIZE_LIMIT) {
                throw new IllegalArgumentException("ancillary data larger than 0x7FFFFFFF bytes cannot be sent");
            }
        }
        if (fds > SCM_MAX_FD) {
            throw new IllegalArgumentException("at most " + SCM_MAX_FD
                    + " descriptors can be sent in one message (Linux SCM_MAX_FD), not " + fds);
        }
        return size;
    }

    private static boolean isStream(int fd) {
        // A failure here (say EBADF) is left for sendmsg itself to report.
        return Sockets.type(fd) == SOCK_STREAM;
    }

    /**
     * Receives up to 8192 bytes and up to 4096 bytes of ancillary data: Twisted's {@code recv1msg(fd)}.
     *
     * @param fd a socket
     * @return the message; its descriptors belong to the caller
     * @throws ErrnoException if {@code recvmsg} fails
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static ReceivedMessage recv1msg(int fd) throws ErrnoException {
        return recvmsg(fd, DEFAULT_MAX_SIZE, DEFAULT_CMSG_SIZE, 0);
    }

    /**
     * Receives up to {@code maxSize} bytes and up to 4096 bytes of ancillary data.
     *
     * @param fd      a socket
     * @param maxSize the most bytes to receive: second, as Twisted's how-to documents it (Twisted's
     *                own {@code recv1msg} takes {@code flags} second; reorder positional calls)
     * @return the message; its descriptors belong to the caller
     * @throws ErrnoException           if {@code recvmsg} fails
     * @throws IllegalArgumentException if {@code fd} or {@code maxSize} is negative
     */
    public static ReceivedMessage recv1msg(int fd, int maxSize) throws ErrnoException {
        return recvmsg(fd, maxSize, DEFAULT_CMSG_SIZE, 0);
    }

    /**
     * Receives up to {@code maxSize} bytes with {@code flags}.
     *
     * @param fd      a socket
     * @param maxSize the most bytes to receive
     * @param flags   {@code MSG_*} flags, such as {@link #MSG_PEEK} or {@link #MSG_DONTWAIT}
     * @return the message; its descriptors belong to the caller
     * @throws ErrnoException           if {@code recvmsg} fails
     * @throws IllegalArgumentException if {@code fd} or {@code maxSize} is negative
     */
    public static ReceivedMessage recv1msg(int fd, int maxSize, int flags) throws ErrnoException {
        return recvmsg(fd, maxSize, DEFAULT_CMSG_SIZE, flags);
    }

    /**
     * Receives up to {@code maxSize} bytes with {@code flags} into a control buffer of
     * {@code CMSG_SPACE(cmsgSize)} bytes: Twisted's {@code recv1msg} with every argument.
     *
     * @param fd       a socket
     * @param maxSize  the most bytes to receive
     * @param flags    {@code MSG_*} flags
     * @param cmsgSize the most ancillary data bytes to make room for (4096 holds 1024 descriptors)
     * @return the message; its descriptors belong to the caller
     * @throws ErrnoException           if {@code recvmsg} fails
     * @throws IllegalArgumentException if {@code fd}, {@code maxSize} or {@code cmsgSize} is negative, or
     *                                  {@code CMSG_SPACE(cmsgSize)} exceeds 0x7FFFFFFF
     */
    public static ReceivedMessage recv1msg(int fd, int maxSize, int flags, int cmsgSize) throws ErrnoException {
        return recvmsg(fd, maxSize, cmsgSize, flags);
    }

    /**
     * Receives a message: Twisted's later spelling, {@code recvmsg(socket, maxSize, cmsgSize, flags)}.
     *
     * <p>When the control buffer is too small, the kernel closes the descriptors that do not fit and
     * sets {@link #MSG_CTRUNC}; the ones that did fit are returned. On a datagram or record socket,
     * a message longer than {@code maxSize} is cut ({@link #MSG_TRUNC} set) and its descriptors still
     * arrive. With {@link #MSG_PEEK}, each call installs new copies of the descriptors, which the
     * caller must close like any others. At end of stream the data is empty.
     *
     * <p>Ownership: every descriptor in the result is open in this process, close-on-exec, and
     * belongs to the caller. If the call fails after the kernel delivered descriptors (for example,
     * out of memory while copying), they are closed before the exception leaves.
     *
     * @param fd       a socket
     * @param maxSize  the most bytes to receive
     * @param cmsgSize the most ancillary data bytes to make room for
     * @param flags    {@code MSG_*} flags
     * @return the message
     * @throws ErrnoException           if {@code recvmsg} fails ({@code EAGAIN} with {@code MSG_DONTWAIT}
     *                                  and nothing queued, {@code EBADF}, {@code ENOTSOCK} …)
     * @throws IllegalArgumentException if {@code fd}, {@code maxSize} or {@code cmsgSize} is negative, or
     *                                  {@code CMSG_SPACE(cmsgSize)} exceeds 0x7FFFFFFF
     */
    public static ReceivedMessage recvmsg(int fd, int maxSize, int cmsgSize, int flags) throws ErrnoException {
        Arguments.requireFd(fd);
        Arguments.requireNonNegative(maxSize, "maxSize");
        return receive(fd, maxSize, controlSpace(cmsgSize), flags);
    }

    /** {@code recvmsg} into a control buffer of exactly {@code controlSize} bytes (none if 0). */
    static ReceivedMessage receive(int fd, int maxSize, long controlSize, int flags) throws ErrnoException {
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment buffer = scratch.data(maxSize);
            MemorySegment iovecs = scratch.iovecs(1);
            Vectors.set(iovecs, 0, buffer, maxSize);
            return receive(scratch, fd, iovecs, 1, controlSize, flags, false, (received, returnedFlags, ancillary, address) ->
                    // recvmsg may report the full length of a datagram that was cut (MSG_TRUNC asked for).
                    new ReceivedMessage(buffer.asSlice(0, Math.min(received, maxSize)).toArray(ValueLayout.JAVA_BYTE),
                            returnedFlags, ancillary));
        } finally {
            scratch.release();
        }
    }

    /**
     * Receives one message into several buffers (scatter; Python's {@code recvmsg_into}): the bytes
     * fill each buffer's remaining space in order and positions advance, as
     * {@link java.nio.channels.ScatteringByteChannel#read(ByteBuffer[])} does. Direct buffers are
     * filled in place; heap buffers through a copy.
     *
     * <p>Ownership and truncation as for {@link #recvmsg(int, int, int, int)}; the result also
     * carries the sender's address on datagram sockets.
     *
     * @param fd       a socket
     * @param buffers  the buffers to fill, in order; at most 1024
     * @param cmsgSize the most ancillary data bytes to make room for ({@code CMSG_SPACE(cmsgSize)})
     * @param flags    {@code MSG_*} flags
     * @return the byte count, flags, ancillary data and sender's address
     * @throws ErrnoException           if {@code recvmsg} fails
     * @throws NullPointerException     if {@code buffers} or an element is null
     * @throws java.nio.ReadOnlyBufferException if a buffer is read-only
     * @throws IllegalArgumentException if {@code fd} or {@code cmsgSize} is negative, for more than
     *                                  1024 buffers, or if {@code CMSG_SPACE(cmsgSize)} exceeds 0x7FFFFFFF
     * @throws IllegalStateException    if a direct buffer's memory belongs to a closed arena
     */
    public static ReceiveResult recvmsg(int fd, ByteBuffer[] buffers, int cmsgSize, int flags) throws ErrnoException {
        Vectors.check(buffers, true);
        try {
            return scatter(fd, buffers.length, cmsgSize, flags, (scratch, iovecs) -> Vectors.fill(scratch, iovecs, buffers, false),
                    (iovecs, received) -> Vectors.received(iovecs, buffers, received));
        } finally {
            Reference.reachabilityFence(buffers);
        }
    }

    /**
     * Receives one message into several memory segments (scatter), filling each whole segment in
     * order. Native segments are filled in place (zero-copy); heap segments through a copy.
     *
     * @param fd       a socket
     * @param segments the segments to fill, in order; at most 1024
     * @param cmsgSize the most ancillary data bytes to make room for ({@code CMSG_SPACE(cmsgSize)})
     * @param flags    {@code MSG_*} flags
     * @return the byte count, flags, ancillary data and sender's address
     * @throws ErrnoException           if {@code recvmsg} fails
     * @throws NullPointerException     if {@code segments} or an element is null
     * @throws IllegalArgumentException if {@code fd} or {@code cmsgSize} is negative, a segment is
     *                                  read-only, for more than 1024 segments, or if
     *                                  {@code CMSG_SPACE(cmsgSize)} exceeds 0x7FFFFFFF
     * @throws IllegalStateException    if a segment's arena is closed
     */
    public static ReceiveResult recvmsg(int fd, MemorySegment[] segments, int cmsgSize, int flags) throws ErrnoException {
        Vectors.check(segments, true);
        try {
            return scatter(fd, segments.length, cmsgSize, flags, (scratch, iovecs) -> Vectors.fill(scratch, iovecs, segments, false),
                    (iovecs, received) -> Vectors.received(iovecs, segments, received));
        } finally {
            Reference.reachabilityFence(segments);
        }
    }

    /** Copies what a scatter receive staged back into the caller's buffers. */
    @FunctionalInterface
    private interface Unstager {
        void received(MemorySegment iovecs, long count);
    }

    /** The scatter receive shared by the ByteBuffer[] and MemorySegment[] overloads. */
    private static ReceiveResult scatter(int fd, int count, int cmsgSize, int flags, Filler filler, Unstager unstager)
            throws ErrnoException {
        Arguments.requireFd(fd);
        long controlSize = controlSpace(cmsgSize);
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment iovecs = scratch.iovecs(count);
            filler.fill(scratch, iovecs);
            return receive(scratch, fd, iovecs, count, controlSize, flags, true, (received, returnedFlags, ancillary, address) -> {
                unstager.received(iovecs, received);
                return new ReceiveResult(received, returnedFlags, ancillary, address);
            });
        } finally {
            scratch.release();
        }
    }

    /** Builds a receive's result from what the kernel returned; must not throw checked exceptions. */
    @FunctionalInterface
    private interface Completion<T> {
        T complete(long received, int flags, List<ControlMessage> ancillary, String address);
    }

    /**
     * The one recvmsg path. Every descriptor the kernel installed reaches the result, or is closed if
     * building the result fails.
     */
    private static <T> T receive(Scratch scratch, int fd, MemorySegment iovecs, int count, long controlSize, int flags,
                                 boolean named, Completion<T> completion) throws ErrnoException {
        MemorySegment name = named ? scratch.small().asSlice(0, sockaddr_un.sizeof()) : MemorySegment.NULL;
        MemorySegment control = controlSize == 0 ? MemorySegment.NULL : scratch.control(controlSize);
        MemorySegment message = scratch.message(iovecs, count, name, (int) name.byteSize(), control);
        long received = Syscalls.recvmsg(scratch.capture(), fd, message, flags | MSG_CMSG_CLOEXEC);
        if (received < 0) {
            throw new ErrnoException("recvmsg", (int) -received);
        }
        long controlLength = msghdr.msg_controllen(message);
        try {
            int returnedFlags = msghdr.msg_flags(message) & ~(MSG_CMSG_CLOEXEC & ~flags);
            String address = named ? UnixAddress.decode(name, msghdr.msg_namelen(message)) : null;
            return completion.complete(received, returnedFlags, ancillary(control, controlLength), address);
        } catch (Throwable failure) {
            ControlBuffer.closeReceivedFds(control, controlLength, scratch.capture());
            throw failure;
        }
    }

    /** {@code CMSG_SPACE(cmsgSize)}, checked. */
    private static long controlSpace(int cmsgSize) {
        Arguments.requireNonNegative(cmsgSize, "cmsgSize");
        long controlSize = ControlBuffer.space(cmsgSize);
        if (controlSize > SIZE_LIMIT) {
            throw new IllegalArgumentException("CMSG_SPACE(cmsgSize) must not exceed 0x7FFFFFFF; cmsgSize "
                    + cmsgSize + " gives " + controlSize);
        }
        return controlSize;
    }

    private static List<ControlMessage> ancillary(MemorySegment control, long length) {
        if (length <= 0) {
            return List.of();
        }
        List<ControlMessage> messages = new ArrayList<>(2);
        ControlBuffer.parse(control, length, (level, type, data) ->
                messages.add(new ControlMessage(level, type, data.toArray(ValueLayout.JAVA_BYTE))));
        return messages;
    }

    /**
     * The address family of a socket, from {@code getsockname(2)}: {@link #AF_UNIX}, {@link #AF_INET},
     * {@link #AF_INET6} or another {@code AF_*} value.
     *
     * @param fd a socket
     * @return its address family
     * @throws ErrnoException           if {@code getsockname} fails ({@code EBADF}, {@code ENOTSOCK})
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static int getSocketFamily(int fd) throws ErrnoException {
        Arguments.requireFd(fd);
        return Sockets.family(fd);
    }

    /**
     * Turns {@code SO_PASSCRED} on or off. While on, every message received on {@code fd} carries the
     * sender's credentials as an {@code SCM_CREDENTIALS} message ({@link Credentials}), placed
     * <em>before</em> any {@code SCM_RIGHTS}: size the control buffer for both, or descriptors are
     * cut off ({@code MSG_CTRUNC}).
     *
     * @param fd      an {@code AF_UNIX} socket
     * @param enabled true to receive credentials
     * @throws ErrnoException           if {@code setsockopt} fails
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static void setPassCredentials(int fd, boolean enabled) throws ErrnoException {
        Arguments.requireFd(fd);
        Sockets.setIntOption(fd, SOL_SOCKET, Libc.SO_PASSCRED(), enabled ? 1 : 0, "SO_PASSCRED");
    }

    /**
     * The credentials of the peer of a connected {@code AF_UNIX} socket, as they were when it
     * connected (or when the pair was made): {@code SO_PEERCRED}. Check them before trusting what
     * arrives on a named socket anyone may connect to.
     *
     * @param fd a connected {@code AF_UNIX} socket
     * @return the peer's pid, uid and gid
     * @throws ErrnoException           if {@code getsockopt} fails
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static Credentials getPeerCredentials(int fd) throws ErrnoException {
        Arguments.requireFd(fd);
        return Sockets.peerCredentials(fd);
    }

    /**
     * {@code CMSG_LEN(n)}: the {@code cmsg_len} of a control message carrying {@code n} data bytes
     * (header included, trailing padding not).
     *
     * @throws IllegalArgumentException if {@code n} is negative or the result exceeds
     *                                  {@link Integer#MAX_VALUE}
     */
    public static int CMSG_LEN(int n) {
        Arguments.requireNonNegative(n, "n");
        return Arguments.requireIntSize(ControlBuffer.len(n), "CMSG_LEN", n);
    }

    /**
     * {@code CMSG_SPACE(n)}: the bytes a control message carrying {@code n} data bytes takes in a
     * buffer, padding included. A buffer of {@code CMSG_SPACE(4 * k)} bytes holds {@code k} descriptors.
     *
     * @throws IllegalArgumentException if {@code n} is negative or the result exceeds
     *                                  {@link Integer#MAX_VALUE}
     */
    public static int CMSG_SPACE(int n) {
        Arguments.requireNonNegative(n, "n");
        return Arguments.requireIntSize(ControlBuffer.space(n), "CMSG_SPACE", n);
    }
}
