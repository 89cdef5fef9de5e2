package io.github.sendmsg.channel;

import io.github.sendmsg.Credentials;
import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.NativeMessage;
import io.github.sendmsg.Posix;
import io.github.sendmsg.SendMsg;
import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.Errno;
import io.github.sendmsg.internal.FdState;
import io.github.sendmsg.internal.MessageAccess;
import io.github.sendmsg.internal.MessageHeader;
import io.github.sendmsg.internal.Platform;
import io.github.sendmsg.internal.Poller;
import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.Syscalls;
import io.github.sendmsg.internal.Vectors;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.nio.channels.spi.AbstractInterruptibleChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * An {@code AF_UNIX} socket as a channel that carries bytes and descriptors together: what an
 * application reaches for to hand an open file, a listening socket or a connection to another process.
 * {@snippet :
 * try (UnixChannel channel = UnixChannel.connect(UnixAddress.of("/run/worker.sock"));
 *      Descriptor log = Descriptor.open(Path.of("/var/log/app.log"), StandardOpenOption.APPEND)) {
 *     channel.write(ByteBuffer.wrap("log".getBytes()), log);        // the worker gets its own copy
 * }
 * // in the worker:
 * try (Received message = channel.receive(buffer, 1)) {
 *     FileChannel file = message.descriptor().toFileChannel();     // the same open file
 * }
 * }
 *
 * <p><b>Bytes and descriptors.</b> {@link #write(ByteBuffer, Descriptor...)} sends the descriptors with
 * the first byte of the bytes (every descriptor travels with at least one byte, so an empty write with
 * descriptors is refused on a stream). {@link #receive(ByteBuffer, int)} returns the bytes together with
 * the descriptors that came with <em>those</em> bytes: the kernel hands a message's descriptors over with
 * its first byte and a read stops after that message, so descriptors reach the reader with their bytes
 * or before the rest of them, never after. Receiving descriptors is something the reader asks for: the
 * plain {@link #read(ByteBuffer)} of {@link ByteChannel}, and a receive's surplus beyond what it asked
 * for, close the descriptors that came and count them ({@link #discardedDescriptors()}), never leak them.
 *
 * <p><b>Waiting.</b> A read, write, connect or receive that must wait never blocks in native code: each
 * call is made with {@code MSG_DONTWAIT}, and on {@code EAGAIN} the thread parks while one platform
 * thread of the library watches the socket with {@code epoll}. A virtual thread that waits is unmounted
 * and holds no carrier; a platform thread waits the same way. The socket's own blocking mode is never
 * changed, so a descriptor adopted from elsewhere keeps the flags its other copies share.
 *
 * <p><b>Timeouts, interruption, closing.</b> {@link #setTimeout(Duration)} bounds each call that waits:
 * {@link SocketTimeoutException}, nothing taken, the channel still open. Interrupting a thread that is
 * waiting closes the channel and throws {@link java.nio.channels.ClosedByInterruptException}, as every
 * {@link java.nio.channels.InterruptibleChannel} does; {@link #close()} from another thread wakes every
 * waiter with {@link java.nio.channels.AsynchronousCloseException}. The socket is closed once the last
 * call using it has returned, so its number is never reused under a call.
 *
 * <p><b>Types.</b> {@link Type#STREAM} (bytes; messages run together), {@link Type#SEQPACKET} (records,
 * connected) and {@link Type#DATAGRAM} (records, with {@link #send(ByteBuffer, SocketAddress, Descriptor...)}
 * to an address on an unconnected channel). On a record type each write is one record and each receive
 * takes one ({@link Received#isTruncated()} if it did not fit).
 *
 * <p><b>Raw messages.</b> {@link #send(NativeMessage)} and {@link #receive(NativeMessage)} send and
 * receive a {@link NativeMessage} with this channel's waiting: any control messages, zero-copy, and no
 * allocation when the call need not wait.
 *
 * <p>Threads: one reader and one writer at a time (each direction has its lock); any number of threads
 * may take turns. An unreachable channel left open is closed by a cleaner and reported, as a
 * {@link Descriptor} is.
 */
public final class UnixChannel extends AbstractInterruptibleChannel
        implements ByteChannel, ScatteringByteChannel, GatheringByteChannel {

    /** The socket types a channel can be. */
    public enum Type {
        /** {@code SOCK_STREAM}: a byte stream. */
        STREAM(Constants.SOCK_STREAM),
        /** {@code SOCK_SEQPACKET}: connected, records kept whole and in order. */
        SEQPACKET(Constants.SOCK_SEQPACKET),
        /** {@code SOCK_DGRAM}: records, connected or sent to an address. */
        DATAGRAM(Constants.SOCK_DGRAM);

        final int value;

        Type(int value) {
            this.value = value;
        }

        static Type of(int socketType) {
            for (Type type : values()) {
                if (type.value == socketType) {
                    return type;
                }
            }
            throw new IllegalArgumentException("not a socket type a UnixChannel takes: " + Names.type(socketType));
        }
    }

    private static final Descriptor[] NO_DESCRIPTORS = {};

    private final FdState socket;
    private final Type type;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ChannelReader reader;
    private final ByteBuffer[] oneReadBuffer = new ByteBuffer[1];
    private final ChannelWriter writer;
    private final ByteBuffer[] oneWriteBuffer = new ByteBuffer[1];
    private final Cleaner.Cleanable cleanable;
    private final BooleanSupplier closed = () -> !isOpen();
    private volatile Thread readWaiter;
    private volatile Thread writeWaiter;
    private volatile long timeoutNanos;

    UnixChannel(int fd, Type type, Leaks.Origin origin) {
        this.socket = new FdState(fd);
        this.type = type;
        this.reader = new ChannelReader(type);
        this.writer = new ChannelWriter(type);
        this.cleanable = Leaks.register(this, socket, origin, "UnixChannel");
    }

    // ---- opening ----

    /**
     * Connects a stream channel to a listening {@code AF_UNIX} socket.
     *
     * @param address a {@link io.github.sendmsg.UnixAddress} (a path or {@code "@name"}) or a
     *                {@link java.net.UnixDomainSocketAddress}
     * @return the connected channel
     * @throws ErrnoException           if {@code connect} fails ({@code ENOENT}: no such path;
     *                                  {@code ECONNREFUSED}: nobody listens; {@code EACCES} …)
     * @throws IllegalArgumentException if {@code address} is not an {@code AF_UNIX} address
     * @throws IOException              if interrupted or timed out
     */
    public static UnixChannel connect(SocketAddress address) throws IOException {
        return connect(address, Type.STREAM, null);
    }

    /**
     * Connects a channel of {@code type} to {@code address}, waiting at most {@code timeout} (null for
     * no limit) if the listener's backlog is full.
     *
     * @param address where to connect, as {@link #connect(SocketAddress)} takes it
     * @param type    the socket type: {@link Type#STREAM} or {@link Type#SEQPACKET} (or a connected {@link Type#DATAGRAM})
     * @param timeout how long to wait for room in the backlog; null for no limit
     * @return the connected channel
     * @throws ErrnoException           if {@code connect} fails
     * @throws SocketTimeoutException   if {@code timeout} passes first
     * @throws IllegalArgumentException if {@code address} is not an {@code AF_UNIX} address
     * @throws IOException              if the thread is interrupted ({@code ClosedByInterruptException})
     */
    public static UnixChannel connect(SocketAddress address, Type type, Duration timeout) throws IOException {
        Objects.requireNonNull(type, "type");
        Addressing.unix(address);
        UnixChannel channel = open(type, "connected to " + address);
        channel.timeoutNanos = nanos(timeout);
        try {
            channel.connectTo(address);
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
        channel.timeoutNanos = 0;
        return channel;
    }

    /**
     * A new unconnected datagram channel, bound to {@code address} (null: unbound, able to send, and to
     * receive replies only once bound by the kernel on its first send; see unix(7) on autobind).
     *
     * @param address where to bind, or null
     * @return the channel
     * @throws ErrnoException           if {@code bind} fails ({@code EADDRINUSE} …)
     * @throws IllegalArgumentException if {@code address} is not an {@code AF_UNIX} address
     */
    public static UnixChannel openDatagram(SocketAddress address) throws IOException {
        UnixChannel channel = open(Type.DATAGRAM, "datagram channel");
        try {
            if (address != null) {
                Posix.bindTo(channel.socket.fd(), Addressing.unix(address));
            }
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /**
     * A connected pair of stream channels: {@link #pair(Type)} of {@link Type#STREAM}.
     *
     * @return the two ends
     * @throws ErrnoException if {@code socketpair} fails
     */
    public static UnixChannel[] pair() throws ErrnoException {
        return pair(Type.STREAM);
    }

    /**
     * Two channels connected to each other ({@code socketpair(2)}), for a parent and the thread or
     * process it hands one end to.
     *
     * @param type the socket type
     * @return the two ends
     * @throws ErrnoException if {@code socketpair} fails ({@code EMFILE} …)
     */
    public static UnixChannel[] pair(Type type) throws ErrnoException {
        Objects.requireNonNull(type, "type");
        int[] fds = Posix.socketpair(SendMsg.AF_UNIX, type.value);
        return new UnixChannel[] {new UnixChannel(fds[0], type, Leaks.origin("made by pair()", -1)),
                new UnixChannel(fds[1], type, Leaks.origin("made by pair()", -1))};
    }

    /**
     * Makes a channel of a connected (or, for datagrams, any) {@code AF_UNIX} socket, taking it over:
     * the descriptor is released to the channel, which closes it. Its status flags are left as they are.
     *
     * @param socket an {@code AF_UNIX} socket, not listening (a listener is a {@link UnixServerChannel})
     * @return the channel, which owns the socket
     * @throws ErrnoException           if a query fails
     * @throws IllegalArgumentException if it is not an {@code AF_UNIX} socket, or is listening
     * @throws IllegalStateException    if the descriptor is closed or in use
     */
    public static UnixChannel adopt(Descriptor socket) throws IOException {
        Objects.requireNonNull(socket, "socket");
        if (socket.kind() != Descriptor.Kind.SOCKET || socket.socketFamily() != Constants.AF_UNIX) {
            throw new IllegalArgumentException("a UnixChannel takes an AF_UNIX socket, not a " + socket.describe());
        }
        if (socket.isListening()) {
            throw new IllegalArgumentException("this socket is listening: adopt it with UnixServerChannel.adopt");
        }
        Type type = Type.of(socket.socketType());
        int fd = socket.release();
        return new UnixChannel(fd, type, Leaks.origin("adopted", fd));
    }

    private static UnixChannel open(Type type, String how) throws ErrnoException {
        Platform.requireSupported();
        Scratch scratch = Scratch.acquire();
        try {
            int fd = Syscalls.socket(scratch.capture(), Constants.AF_UNIX, type.value | Constants.SOCK_NONBLOCK | Constants.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new ErrnoException("socket", -fd);
            }
            return new UnixChannel(fd, type, Leaks.origin(how, -1));
        } finally {
            scratch.release();
        }
    }

    private void connectTo(SocketAddress address) throws IOException {
        writeLock.lock();
        try {
            boolean completed = false;
            begin();
            try {
                int fd = acquireOpen();
                try {
                    completed = Connecting.connect(this, fd, address, deadline());
                } finally {
                    socket.release();
                }
            } finally {
                end(completed);
            }
        } finally {
            writeLock.unlock();
        }
    }

    // ---- reading ----

    /**
     * Reads bytes, waiting until some arrive: {@link ByteChannel#read(ByteBuffer)}. Descriptors that
     * came with them were not asked for: they are closed and counted in {@link #discardedDescriptors()}.
     *
     * @return the bytes read; -1 at end of stream
     * @throws ClosedChannelException if the channel is closed (an {@code AsynchronousCloseException} if
     *                                by another thread meanwhile, a {@code ClosedByInterruptException} if
     *                                the thread was interrupted)
     * @throws SocketTimeoutException if the timeout passed with nothing to read
     * @throws ErrnoException         if {@code recvmsg} fails
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst, "dst");
        readLock.lock();
        try {
            oneReadBuffer[0] = dst;
            return (int) receiveInto(oneReadBuffer, 0, null);
        } finally {
            oneReadBuffer[0] = null;
            readLock.unlock();
        }
    }

    /** Reads into several buffers; descriptors are closed and counted, as {@link #read(ByteBuffer)} does. */
    @Override
    public long read(ByteBuffer[] dsts) throws IOException {
        return read(dsts, 0, Objects.requireNonNull(dsts, "dsts").length);
    }

    /** Reads into {@code length} buffers from {@code offset}; descriptors are closed and counted. */
    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        ByteBuffer[] range = range(dsts, offset, length);
        readLock.lock();
        try {
            return receiveInto(range, 0, null);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Receives bytes and the descriptors that came with them, at most {@code maxDescriptors} of them;
     * any more are closed and counted ({@link Received#surplus()}). Waits until something arrives.
     *
     * @param dst            where the bytes go
     * @param maxDescriptors the most descriptors to take; 0 to take none (like {@link #read(ByteBuffer)},
     *                       but saying how many were discarded)
     * @return the bytes (or end of stream) and the descriptors, which are the caller's to close
     * @throws ClosedChannelException   as {@link #read(ByteBuffer)}
     * @throws SocketTimeoutException   if the timeout passed with nothing to read
     * @throws ErrnoException           if {@code recvmsg} fails
     * @throws IllegalArgumentException if {@code maxDescriptors} is negative
     */
    public Received receive(ByteBuffer dst, int maxDescriptors) throws IOException {
        Objects.requireNonNull(dst, "dst");
        return receive(new ByteBuffer[] {dst}, maxDescriptors);
    }

    /**
     * Receives into several buffers (scatter), as {@link #receive(ByteBuffer, int)} does.
     *
     * @param dsts           where the bytes go, in order
     * @param maxDescriptors the most descriptors to take
     * @return the bytes and the descriptors, which are the caller's to close
     * @throws IOException as {@link #receive(ByteBuffer, int)}
     * @throws IllegalArgumentException if {@code maxDescriptors} is negative, or for more than 1024 buffers
     */
    public Received receive(ByteBuffer[] dsts, int maxDescriptors) throws IOException {
        if (maxDescriptors < 0) {
            throw new IllegalArgumentException("maxDescriptors must be >= 0, not " + maxDescriptors);
        }
        ChannelReader.ReceivedBuilder out = new ChannelReader.ReceivedBuilder();
        readLock.lock();
        try {
            long bytes = receiveInto(Objects.requireNonNull(dsts, "dsts"), maxDescriptors, out);
            return out.build(bytes);
        } finally {
            readLock.unlock();
        }
    }

    /** The receive call: the channel's part around the reader's loop. The caller holds the read lock. */
    private long receiveInto(ByteBuffer[] dsts, int maxDescriptors, ChannelReader.ReceivedBuilder out) throws IOException {
        Vectors.check(dsts, true);
        ensureOpen();
        if (type == Type.STREAM && remaining(dsts) == 0) {
            return 0;
        }
        boolean completed = false;
        begin();
        try {
            int fd = acquireOpen();
            try {
                long received = reader.receive(this, fd, dsts, maxDescriptors, out);
                completed = received != ChannelReader.GAVE_UP;
                return received;
            } finally {
                socket.release();
            }
        } finally {
            end(completed);
        }
    }

    // ---- writing ----

    /**
     * Writes every remaining byte of {@code src}, waiting while the socket is full:
     * {@link ByteChannel#write(ByteBuffer)}. On a record type, one record.
     *
     * @return the bytes written
     * @throws ClosedChannelException as {@link #read(ByteBuffer)}
     * @throws SocketTimeoutException if the timeout passed with the socket still full (the bytes
     *                                written so far are gone; the buffer's position says how many)
     * @throws ErrnoException         if {@code sendmsg} fails ({@code EPIPE} once the peer closed …)
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        return write(src, NO_DESCRIPTORS);
    }

    /**
     * Writes every remaining byte of {@code src} with {@code descriptors}, which go with its first byte.
     * The descriptors are borrowed: the peer gets copies, these stay open and the caller's.
     *
     * @param src         the bytes; at least one on a stream if there are descriptors
     * @param descriptors the descriptors to pass, at most {@value SendMsg#SCM_MAX_FD}
     * @return the bytes written
     * @throws IllegalArgumentException if there are descriptors and no byte on a stream, or more than 253
     * @throws IllegalStateException    if a descriptor is closed
     * @throws IOException              as {@link #write(ByteBuffer)}
     */
    public int write(ByteBuffer src, Descriptor... descriptors) throws IOException {
        Objects.requireNonNull(src, "src");
        writeLock.lock();
        try {
            oneWriteBuffer[0] = src;
            return (int) sendFrom(oneWriteBuffer, descriptors, null, false);
        } finally {
            oneWriteBuffer[0] = null;
            writeLock.unlock();
        }
    }

    /**
     * As {@link #write(ByteBuffer, Descriptor...)}, then closes {@code descriptors} once they were sent:
     * ownership moves to the receiver. If the send fails before they went (the call that carries them
     * fails, times out or is interrupted), they stay open and the caller's; once they went, they are
     * closed even if a later part of a long stream write fails.
     *
     * @param src         the bytes; at least one on a stream if there are descriptors
     * @param descriptors the descriptors to move
     * @return the bytes written
     * @throws IOException as {@link #write(ByteBuffer, Descriptor...)}
     */
    public int writeAndClose(ByteBuffer src, Descriptor... descriptors) throws IOException {
        Objects.requireNonNull(src, "src");
        writeLock.lock();
        try {
            oneWriteBuffer[0] = src;
            return (int) sendFrom(oneWriteBuffer, descriptors, null, true);
        } finally {
            oneWriteBuffer[0] = null;
            writeLock.unlock();
        }
    }

    /** Writes every remaining byte of the buffers, in order (gather). */
    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, Objects.requireNonNull(srcs, "srcs").length);
    }

    /** Writes every remaining byte of {@code length} buffers from {@code offset}, in order. */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        ByteBuffer[] range = range(srcs, offset, length);
        writeLock.lock();
        try {
            return sendFrom(range, NO_DESCRIPTORS, null, false);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes the remaining bytes of several buffers with {@code descriptors} on the first byte (gather).
     *
     * @param srcs        the buffers, in order
     * @param descriptors the descriptors to pass (borrowed)
     * @return the bytes written
     * @throws IOException as {@link #write(ByteBuffer, Descriptor...)}
     */
    public long write(ByteBuffer[] srcs, Descriptor... descriptors) throws IOException {
        Objects.requireNonNull(srcs, "srcs");
        writeLock.lock();
        try {
            return sendFrom(srcs, descriptors, null, false);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Sends one datagram to {@code target} on an unconnected datagram channel, with descriptors.
     *
     * @param src         the datagram
     * @param descriptors the descriptors to pass (borrowed)
     * @param target a {@link io.github.sendmsg.UnixAddress} or {@link java.net.UnixDomainSocketAddress}
     * @return the bytes sent
     * @throws IllegalStateException if this is not a datagram channel
     * @throws IOException           as {@link #write(ByteBuffer, Descriptor...)}
     */
    public int send(ByteBuffer src, SocketAddress target, Descriptor... descriptors) throws IOException {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(target, "target");
        if (type != Type.DATAGRAM) {
            throw new IllegalStateException("only a datagram channel sends to an address; this is a " + type + " channel");
        }
        writeLock.lock();
        try {
            oneWriteBuffer[0] = src;
            return (int) sendFrom(oneWriteBuffer, descriptors, target, false);
        } finally {
            oneWriteBuffer[0] = null;
            writeLock.unlock();
        }
    }

    /** The send call: the channel's part around the writer's loop. The caller holds the write lock. */
    private long sendFrom(ByteBuffer[] srcs, Descriptor[] descriptors, SocketAddress target, boolean move) throws IOException {
        writer.check(srcs, descriptors);
        ensureOpen();
        if (remaining(srcs) == 0 && type == Type.STREAM) {
            return 0;
        }
        boolean completed = false;
        begin();
        try {
            int fd = acquireOpen();
            try {
                long sent = writer.send(this, fd, srcs, descriptors, target, move);
                completed = sent != ChannelReader.GAVE_UP;
                return sent;
            } finally {
                socket.release();
            }
        } finally {
            end(completed);
        }
    }

    // ---- raw messages ----

    /**
     * Sends a {@link NativeMessage} (its buffers, control messages and address) with one
     * {@code sendmsg}, waiting while the socket is full. Allocates nothing unless it waits. The
     * message's descriptors stay the caller's.
     *
     * @param message the message to send
     * @return the bytes sent (on a stream, possibly fewer than all: send the rest without the control data)
     * @throws IOException as {@link #write(ByteBuffer)}; the message's own checks as {@link NativeMessage#send}
     */
    public long send(NativeMessage message) throws IOException {
        return raw(Objects.requireNonNull(message, "message"), false);
    }

    /**
     * Receives into a {@link NativeMessage} with one {@code recvmsg}, waiting until something arrives;
     * read the result from the message ({@link NativeMessage#fileDescriptor(int)}: the caller's to
     * close). Allocates nothing unless it waits.
     *
     * @param message the message to receive into
     * @return the bytes received; 0 at end of stream
     * @throws IOException as {@link #read(ByteBuffer)}; the message's own checks as {@link NativeMessage#receive}
     */
    public long receive(NativeMessage message) throws IOException {
        return raw(Objects.requireNonNull(message, "message"), true);
    }

    /** One {@code sendmsg} or {@code recvmsg} of a native message, waiting on {@code EAGAIN}. */
    private long raw(NativeMessage message, boolean reading) throws IOException {
        MessageAccess.Operations messages = MessageAccess.operations();
        ReentrantLock lock = reading ? readLock : writeLock;
        lock.lock();
        try {
            ensureOpen();
            boolean completed = false;
            begin();
            try {
                int fd = acquireOpen();
                try {
                    MemorySegment capture = messages.capture(message);
                    MemorySegment header = reading ? null : messages.prepareSend(message, fd);
                    long deadline = 0;
                    int waits = 0;
                    while (true) {
                        long n;
                        if (reading) {
                            header = messages.prepareReceive(message, fd, Constants.MSG_DONTWAIT, type == Type.STREAM);
                            n = Syscalls.recvmsg(capture, fd, header, MessageHeader.receiveFlags(Constants.MSG_DONTWAIT));
                        } else {
                            n = Syscalls.sendmsg(capture, fd, header, MessageHeader.sendFlags(Constants.MSG_DONTWAIT));
                        }
                        if (n >= 0) {
                            if (reading) {
                                messages.finishReceive(message);
                            }
                            completed = true;
                            return n;
                        }
                        if (-n != Errno.EAGAIN) {
                            throw new ErrnoException(reading ? "recvmsg" : "sendmsg", fd, (int) -n);
                        }
                        if (deadline == 0) {
                            deadline = deadline();
                        }
                        if (!await(reading ? Poller.readers() : Poller.writers(), fd, deadline, reading, waits++ == 0)) {
                            return -1;   // closed or interrupted: end() throws
                        }
                    }
                } finally {
                    socket.release();
                }
            } finally {
                end(completed);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- waiting ----

    /**
     * Parks until {@code fd} is ready; false if the channel was closed or the thread interrupted
     * meanwhile (the caller returns and {@code end} throws the right exception). The {@code first} wait
     * of a call on a virtual thread only yields, and the caller tries again.
     */
    boolean await(Poller poller, int fd, long deadline, boolean reading, boolean first) throws IOException {
        if (first && Thread.currentThread().isVirtual()) {
            // The peer is often a moment away (another virtual thread on the other carrier): let it run
            // once and try again before paying for a registration and a wake-up through the poller.
            Thread.yield();
            return isOpen() && !Thread.currentThread().isInterrupted();
        }
        socket.markWaited();
        Thread me = Thread.currentThread();
        if (reading) {
            readWaiter = me;
        } else {
            writeWaiter = me;
        }
        try {
            if (!isOpen()) {
                return false;   // closed before this waiter was published: close() may not have seen it
            }
            int result = poller.await(fd, deadline, closed);
            if (result == Poller.READY) {
                return true;
            }
            if (result == Poller.TIMED_OUT) {
                throw new SocketTimeoutException((reading ? "read" : "write") + " timed out after "
                        + Duration.ofNanos(timeoutNanos) + " on " + this);
            }
            if (result < 0) {
                throw new ErrnoException("epoll_ctl", fd, -result);
            }
            return false;
        } finally {
            if (reading) {
                readWaiter = null;
            } else {
                writeWaiter = null;
            }
        }
    }

    long deadline() {
        long timeout = timeoutNanos;
        return timeout == 0 ? 0 : Math.max(1, System.nanoTime() + timeout);
    }

    /**
     * A call on a channel closed before it began is a {@link ClosedChannelException}, as in the JDK's
     * channels; only one closed while the call waits is an {@code AsynchronousCloseException}
     * ({@code end} decides that, so this must come before {@code begin}).
     */
    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    private int acquireOpen() throws ClosedChannelException {
        if (!isOpen() || !socket.acquire()) {
            throw new ClosedChannelException();
        }
        return socket.fd();
    }

    /**
     * Closes the socket, once no call is using it, and wakes every thread waiting on it. Called once, by
     * {@link #close()} or when a waiting thread is interrupted.
     */
    @Override
    protected void implCloseChannel() {
        socket.close();
        cleanable.clean();
        Thread waiter = readWaiter;
        if (waiter != null) {
            java.util.concurrent.locks.LockSupport.unpark(waiter);
        }
        waiter = writeWaiter;
        if (waiter != null) {
            java.util.concurrent.locks.LockSupport.unpark(waiter);
        }
    }

    // ---- options and queries ----

    /**
     * Bounds each later call that waits (read, write, receive, send) by {@code timeout}: it then throws
     * {@link SocketTimeoutException} and the channel stays open. Null or zero: no limit (the default).
     *
     * @param timeout the limit of each wait; null or zero for none
     * @return this channel
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public UnixChannel setTimeout(Duration timeout) {
        timeoutNanos = nanos(timeout);
        return this;
    }

    /** {@return the timeout of each call that waits; {@link Duration#ZERO} for none} */
    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /** {@return this channel's type} */
    public Type type() {
        return type;
    }

    /**
     * How many descriptors arrived that no reader asked for (a plain {@code read}, or beyond a receive's
     * maximum) and were closed. A peer that sends descriptors nobody wants shows up here.
     *
     * @return the count since the channel was made
     */
    public long discardedDescriptors() {
        return reader.discarded.get();
    }

    /**
     * The credentials of the peer as they were when it connected ({@code SO_PEERCRED}).
     *
     * @return the peer's pid, uid and gid
     * @throws ErrnoException         if {@code getsockopt} fails
     * @throws ClosedChannelException if the channel is closed
     */
    public Credentials peerCredentials() throws IOException {
        int fd = acquireOpen();
        try {
            return SendMsg.getPeerCredentials(fd);
        } finally {
            socket.release();
        }
    }

    /**
     * Turns on (or off) the sender's credentials with every message: {@link Received#credentials()}.
     *
     * @param enabled true to receive credentials
     * @return this channel
     * @throws ErrnoException         if {@code setsockopt(SO_PASSCRED)} fails
     * @throws ClosedChannelException if the channel is closed
     */
    public UnixChannel setPassCredentials(boolean enabled) throws IOException {
        int fd = acquireOpen();
        try {
            SendMsg.setPassCredentials(fd, enabled);
            return this;
        } finally {
            socket.release();
        }
    }

    /**
     * Turns on (or off) a pidfd of the sender with every message (Linux 6.5+): {@link Received#pidFd()},
     * a descriptor the caller owns.
     *
     * @param enabled true to receive pidfds
     * @return this channel
     * @throws ErrnoException         if {@code setsockopt(SO_PASSPIDFD)} fails ({@code ENOPROTOOPT} on older kernels)
     * @throws ClosedChannelException if the channel is closed
     */
    public UnixChannel setPassPidFd(boolean enabled) throws IOException {
        int fd = acquireOpen();
        try {
            SendMsg.setPassPidFd(fd, enabled);
            return this;
        } finally {
            socket.release();
        }
    }

    /**
     * This socket's own address: a {@link io.github.sendmsg.UnixAddress}, or null if unnamed.
     *
     * @return the address, or null
     * @throws IOException if {@code getsockname} fails or the channel is closed
     */
    public SocketAddress localAddress() throws IOException {
        int fd = acquireOpen();
        try {
            return Posix.localAddress(fd);
        } finally {
            socket.release();
        }
    }

    /**
     * The peer's address: a {@link io.github.sendmsg.UnixAddress}, or null if the peer is unnamed
     * (either end of a pair, a connecting client).
     *
     * @return the address, or null
     * @throws IOException if {@code getpeername} fails ({@code ENOTCONN} on an unconnected datagram
     *                     channel) or the channel is closed
     */
    public SocketAddress remoteAddress() throws IOException {
        int fd = acquireOpen();
        try {
            return Posix.peerAddress(fd);
        } finally {
            socket.release();
        }
    }

    /**
     * Shuts down reading: later reads see end of stream. Acts on the socket, which every copy of it
     * shares (another process's too).
     *
     * @return this channel
     * @throws IOException if {@code shutdown} fails or the channel is closed
     */
    public UnixChannel shutdownInput() throws IOException {
        return shutdown(Constants.SHUT_RD, "shutdown(SHUT_RD)");
    }

    /**
     * Shuts down writing: the peer reads end of stream once it has read what was sent. Acts on the
     * socket, which every copy of it shares.
     *
     * @return this channel
     * @throws IOException if {@code shutdown} fails or the channel is closed
     */
    public UnixChannel shutdownOutput() throws IOException {
        return shutdown(Constants.SHUT_WR, "shutdown(SHUT_WR)");
    }

    private UnixChannel shutdown(int how, String call) throws IOException {
        int fd = acquireOpen();
        Scratch scratch = Scratch.acquire();
        try {
            int result = Syscalls.shutdown(scratch.capture(), fd, how);
            if (result < 0) {
                throw new ErrnoException(call, fd, -result);
            }
            return this;
        } finally {
            scratch.release();
            socket.release();
        }
    }

    /**
     * A new descriptor for this channel's socket, to hand the connection itself to another process or
     * to a JDK object ({@link Descriptor#toSocketChannel()}); the channel stays open and its own.
     *
     * @return a new descriptor for this socket, owned by the result
     * @throws IOException if {@code fcntl} fails or the channel is closed
     */
    public Descriptor duplicateDescriptor() throws IOException {
        int fd = acquireOpen();
        try {
            return Descriptor.duplicateOf(fd);
        } finally {
            socket.release();
        }
    }

    /** Shows the socket's number, type and whether it is open, such as {@code UnixChannel[fd 9, STREAM]}. */
    @Override
    public String toString() {
        return "UnixChannel[fd " + socket.fd() + ", " + type + (isOpen() ? "" : ", closed") + "]";
    }

    // ---- helpers ----

    private static ByteBuffer[] range(ByteBuffer[] buffers, int offset, int length) {
        Objects.requireNonNull(buffers, "buffers");
        Objects.checkFromIndexSize(offset, length, buffers.length);
        return offset == 0 && length == buffers.length ? buffers : Arrays.copyOfRange(buffers, offset, offset + length);
    }

    static long remaining(ByteBuffer[] buffers) {
        long total = 0;
        for (ByteBuffer buffer : buffers) {
            total += buffer.remaining();
        }
        return total;
    }

    static long nanos(Duration timeout) {
        if (timeout == null) {
            return 0;
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a timeout must not be negative: " + timeout);
        }
        return timeout.isZero() ? 0 : Math.max(1, timeout.toNanos());
    }
}
