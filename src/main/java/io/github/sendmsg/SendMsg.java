package io.github.sendmsg;

import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.ControlBuffer;
import io.github.sendmsg.internal.Vectors;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
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
 * place, through {@code iovec}s, so the library refuses, before any system call, what FFM itself would
 * refuse to touch: memory whose arena is closed ({@code IllegalStateException}), memory confined to
 * another thread ({@code WrongThreadException}: its owner could close it while the kernel uses it), and
 * read-only memory to receive into ({@code IllegalArgumentException}, or
 * {@link java.nio.ReadOnlyBufferException} for a buffer). What cannot be detected: a <em>shared</em>
 * arena closed by another thread <em>during</em> a call (Java offers no way to hold an arena open
 * across a call that reaches memory only through pointers), so keep a shared arena open until the call
 * returns, as for any native call. Automatic arenas are kept alive for the call.
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
    public static final int SOL_SOCKET = Constants.SOL_SOCKET;
    /** Control message type that carries descriptors. */
    public static final int SCM_RIGHTS = Constants.SCM_RIGHTS;
    /** Control message type that carries a process's credentials ({@code struct ucred}). */
    public static final int SCM_CREDENTIALS = Constants.SCM_CREDENTIALS;
    /** Local (Unix domain) sockets. */
    public static final int AF_UNIX = Constants.AF_UNIX;
    /** IPv4 sockets. */
    public static final int AF_INET = Constants.AF_INET;
    /** IPv6 sockets. */
    public static final int AF_INET6 = Constants.AF_INET6;
    /** Connected byte streams. */
    public static final int SOCK_STREAM = Constants.SOCK_STREAM;
    /** Datagrams. */
    public static final int SOCK_DGRAM = Constants.SOCK_DGRAM;
    /** Connected records with boundaries. */
    public static final int SOCK_SEQPACKET = Constants.SOCK_SEQPACKET;
    /** Or'd into a socket type: the new socket is non-blocking. */
    public static final int SOCK_NONBLOCK = Constants.SOCK_NONBLOCK;
    /** Receive without taking the data off the queue. Each peek installs new copies of any descriptors. */
    public static final int MSG_PEEK = Constants.MSG_PEEK;
    /** Do not block: fail with {@code EAGAIN} instead. */
    public static final int MSG_DONTWAIT = Constants.MSG_DONTWAIT;
    /** Block until the full amount requested has arrived (stream sockets). */
    public static final int MSG_WAITALL = Constants.MSG_WAITALL;
    /** Returned: the datagram or record was longer than the buffer and was cut. */
    public static final int MSG_TRUNC = Constants.MSG_TRUNC;
    /** Returned: the ancillary data was longer than the control buffer and was cut. */
    public static final int MSG_CTRUNC = Constants.MSG_CTRUNC;
    /** Do not raise {@code SIGPIPE} on a broken connection; every send here sets it. */
    public static final int MSG_NOSIGNAL = Constants.MSG_NOSIGNAL;
    /** Make received descriptors close-on-exec; every receive here sets it. */
    public static final int MSG_CMSG_CLOEXEC = Constants.MSG_CMSG_CLOEXEC;
    /** The most descriptors Linux takes in one message, across all its {@code SCM_RIGHTS} items. */
    public static final int SCM_MAX_FD = 253;
    /**
     * Control message type that carries a pidfd of the sending process (Linux 6.5+), which the kernel
     * installs in the receiver with every message while {@link #setPassPidFd(int, boolean)} is on.
     */
    public static final int SCM_PIDFD = ControlBuffer.SCM_PIDFD;

    /** Twisted's default largest message to receive. */
    static final int DEFAULT_MAX_SIZE = 8192;
    /** Twisted's default ancillary data size: the control buffer is {@code CMSG_SPACE(4096)}. */
    static final int DEFAULT_CMSG_SIZE = 4096;

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
        return Transfers.sendBytes(fd, data, ancillary, flags);
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
        return sendto(fd, buffers, ancillary, flags, address == null ? null : UnixAddress.of(address));
    }

    /**
     * Gathers the remaining bytes of several buffers into one message to {@code destination}: a
     * {@link UnixAddress} (exact bytes), the JDK's {@link java.net.UnixDomainSocketAddress} or, on an
     * {@code AF_INET}/{@code AF_INET6} socket, an {@link java.net.InetSocketAddress}. Give back the
     * {@link ReceiveResult#sender()} of a receive to reply to that sender. Each buffer's position
     * advances by the bytes taken from it.
     *
     * @param fd          a socket
     * @param buffers     the buffers, in order; at most 1024
     * @param ancillary   the control messages to send; empty for none
     * @param flags       {@code MSG_*} flags; {@code MSG_NOSIGNAL} is always added
     * @param destination where to send, or null for the connected peer
     * @return the number of bytes sent
     * @throws ErrnoException           if {@code sendmsg} fails ({@code ECONNREFUSED}, {@code ENOENT} for
     *                                  no such address, {@code EAFNOSUPPORT} for an address of another
     *                                  family than the socket's, {@code EISCONN} …)
     * @throws NullPointerException     if an argument other than {@code destination}, or an element, is null
     * @throws IllegalArgumentException as for {@link #sendmsg(int, ByteBuffer[], List, int)}, or for an
     *                                  address of another type, or unresolved
     * @throws IllegalStateException    if a direct buffer's memory belongs to a closed arena
     * @throws WrongThreadException     if a direct buffer's memory is confined to another thread
     */
    public static long sendto(int fd, ByteBuffer[] buffers, List<ControlMessage> ancillary, int flags,
                              SocketAddress destination) throws ErrnoException {
        Vectors.check(buffers, false);
        try {
            long sent = Transfers.gather(fd, buffers.length, (scratch, header) -> Vectors.fill(scratch, header, buffers, true),
                    ancillary, flags, destination);
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
        return sendto(fd, segments, ancillary, flags, address == null ? null : UnixAddress.of(address));
    }

    /**
     * Sends several memory segments as one message (gather) to {@code destination}, as
     * {@link #sendto(int, ByteBuffer[], List, int, SocketAddress)} does for buffers. Native segments
     * are sent in place (zero-copy); heap segments are copied.
     *
     * @param fd          a socket
     * @param segments    the segments, each sent whole, in order; at most 1024
     * @param ancillary   the control messages to send; empty for none
     * @param flags       {@code MSG_*} flags; {@code MSG_NOSIGNAL} is always added
     * @param destination where to send, or null for the connected peer
     * @return the number of bytes sent
     * @throws ErrnoException           if {@code sendmsg} fails
     * @throws NullPointerException     if an argument other than {@code destination}, or an element, is null
     * @throws IllegalArgumentException as for {@link #sendto(int, ByteBuffer[], List, int, SocketAddress)}
     * @throws IllegalStateException    if a segment's arena is closed
     * @throws WrongThreadException     if a segment is confined to another thread
     */
    public static long sendto(int fd, MemorySegment[] segments, List<ControlMessage> ancillary, int flags,
                              SocketAddress destination) throws ErrnoException {
        Vectors.check(segments, false);
        try {
            return Transfers.gather(fd, segments.length, (scratch, header) -> Vectors.fill(scratch, header, segments, true),
                    ancillary, flags, destination);
        } finally {
            Reference.reachabilityFence(segments);  // an automatic arena must not free them mid-call
        }
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
     * @throws IllegalArgumentException if {@code fd} or {@code maxSize} is negative, or {@code maxSize}
     *                                  is 0 on a stream socket (it would read as end of stream)
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
     * @throws IllegalArgumentException if {@code fd} or {@code maxSize} is negative, or {@code maxSize}
     *                                  is 0 on a stream socket (it would read as end of stream)
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
     * @throws IllegalArgumentException if {@code fd}, {@code maxSize} or {@code cmsgSize} is negative,
     *                                  {@code maxSize} is 0 on a stream socket (it would read as end of
     *                                  stream), or {@code CMSG_SPACE(cmsgSize)} exceeds 0x7FFFFFFF
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
     * @throws IllegalArgumentException if {@code fd}, {@code maxSize} or {@code cmsgSize} is negative,
     *                                  {@code maxSize} is 0 on a stream socket (it would read as end of
     *                                  stream), or {@code CMSG_SPACE(cmsgSize)} exceeds 0x7FFFFFFF
     */
    public static ReceivedMessage recvmsg(int fd, int maxSize, int cmsgSize, int flags) throws ErrnoException {
        Arguments.requireFd(fd);
        Arguments.requireNonNegative(maxSize, "maxSize");
        return Transfers.receiveBytes(fd, maxSize, Ancillaries.receiveSpace(cmsgSize), flags);
    }

    /** {@code recvmsg} into a control buffer of exactly {@code controlSize} bytes (none if 0), for the tests' sweeps. */
    static ReceivedMessage receive(int fd, int maxSize, long controlSize, int flags) throws ErrnoException {
        return Transfers.receiveBytes(fd, maxSize, controlSize, flags);
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
            return Transfers.scatter(fd, buffers.length, cmsgSize, flags,
                    (scratch, header) -> Vectors.fill(scratch, header, buffers, false),
                    (header, received) -> Vectors.received(header, buffers, received));
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
     * @throws WrongThreadException     if a segment is confined to another thread
     */
    public static ReceiveResult recvmsg(int fd, MemorySegment[] segments, int cmsgSize, int flags) throws ErrnoException {
        Vectors.check(segments, true);
        try {
            return Transfers.scatter(fd, segments.length, cmsgSize, flags,
                    (scratch, header) -> Vectors.fill(scratch, header, segments, false),
                    (header, received) -> Vectors.received(header, segments, received));
        } finally {
            Reference.reachabilityFence(segments);
        }
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
        Sockets.setIntOption(fd, SOL_SOCKET, Constants.SO_PASSCRED, enabled ? 1 : 0, "SO_PASSCRED");
    }

    /**
     * Turns {@code SO_PASSPIDFD} on or off (Linux 6.5+). While on, the kernel installs a pidfd of the
     * sending process in this process with every message received on {@code fd}, as an
     * {@link #SCM_PIDFD} message ({@link Ancillary.PidFd}) after any {@code SCM_RIGHTS}: each one is a
     * descriptor the receiver owns and must close, like the passed ones
     * ({@link ReceivedMessage#installedDescriptors()} lists them all). Size the control buffer for it,
     * or it is dropped with {@code MSG_CTRUNC}.
     *
     * @param fd      an {@code AF_UNIX} socket
     * @param enabled true to receive pidfds
     * @throws ErrnoException           if {@code setsockopt} fails ({@code ENOPROTOOPT} before Linux 6.5)
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static void setPassPidFd(int fd, boolean enabled) throws ErrnoException {
        Arguments.requireFd(fd);
        Sockets.setIntOption(fd, SOL_SOCKET, Constants.SO_PASSPIDFD, enabled ? 1 : 0, "SO_PASSPIDFD");
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
     * @param n the data bytes
     * @return {@code CMSG_LEN(n)}
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
     * @param n the data bytes
     * @return {@code CMSG_SPACE(n)}
     * @throws IllegalArgumentException if {@code n} is negative or the result exceeds
     *                                  {@link Integer#MAX_VALUE}
     */
    public static int CMSG_SPACE(int n) {
        Arguments.requireNonNegative(n, "n");
        return Arguments.requireIntSize(ControlBuffer.space(n), "CMSG_SPACE", n);
    }
}
