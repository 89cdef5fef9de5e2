package io.github.sendmsg.channel;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.Errno;
import io.github.sendmsg.internal.FdState;
import io.github.sendmsg.internal.FileCalls;
import io.github.sendmsg.internal.Platform;
import io.github.sendmsg.internal.Poller;
import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.Syscalls;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.spi.AbstractInterruptibleChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A listening {@code AF_UNIX} socket whose {@link #accept()} gives {@link UnixChannel}s, waiting without
 * blocking in native code (a virtual thread that waits is unmounted). Interrupting an accept closes the
 * channel ({@link java.nio.channels.ClosedByInterruptException}); {@link #close()} wakes it
 * ({@link java.nio.channels.AsynchronousCloseException}); {@link #setTimeout(Duration)} bounds it.
 *
 * <p>A listener may be one this process made ({@link #bind}) or one it was given ({@link #adopt}): the
 * zero-downtime hand-off, where a new server takes over the listening socket of the old one.
 * {@snippet :
 * try (UnixServerChannel server = UnixServerChannel.bind(UnixAddress.of("/run/app.sock"))) {
 *     try (UnixChannel client = server.accept()) { ... }
 * }
 * }
 *
 * <p>Accepting needs the listener in non-blocking mode ({@code accept4} has no per-call flag for it):
 * a bound listener is made so; an adopted one is switched to it, and since status flags belong to the
 * open file description, every copy of that listener (the old server's too) becomes non-blocking.
 * Code that accepts on a shared listener must expect {@code EAGAIN} (the JDK's channels and this class
 * do). Closing does not remove a path's socket file: delete it when done.
 */
public final class UnixServerChannel extends AbstractInterruptibleChannel {

    private final FdState socket;
    private final UnixChannel.Type type;
    private final ReentrantLock acceptLock = new ReentrantLock();
    private final Cleaner.Cleanable cleanable;
    private final BooleanSupplier closed = () -> !isOpen();
    private volatile Thread waiter;
    private volatile long timeoutNanos;

    private UnixServerChannel(int fd, UnixChannel.Type type, Leaks.Origin origin) {
        this.socket = new FdState(fd);
        this.type = type;
        this.cleanable = Leaks.register(this, socket, origin, "UnixServerChannel");
    }

    /**
     * A stream listener bound to {@code address}, with a backlog of 128.
     *
     * @param address where to listen, as {@link #bind(SocketAddress, UnixChannel.Type, int)} takes it
     * @return the listening channel
     * @throws IOException as {@link #bind(SocketAddress, UnixChannel.Type, int)}
     */
    public static UnixServerChannel bind(SocketAddress address) throws IOException {
        return bind(address, UnixChannel.Type.STREAM, 128);
    }

    /**
     * A listener of {@code type} ({@link UnixChannel.Type#STREAM} or {@link UnixChannel.Type#SEQPACKET})
     * bound to {@code address} with room for {@code backlog} pending connections.
     *
     * @param address a {@link io.github.sendmsg.UnixAddress} (a path that must not exist yet, or
     *                {@code "@name"}) or a {@link java.net.UnixDomainSocketAddress}
     * @param type    the socket type
     * @param backlog how many pending connections to queue, at least 1 (the kernel caps it at
     *                {@code net.core.somaxconn})
     * @return the listening channel
     * @throws ErrnoException           if {@code bind} or {@code listen} fails ({@code EADDRINUSE} …)
     * @throws IllegalArgumentException for a datagram type, a backlog below 1, or an address that is not
     *                                  {@code AF_UNIX}
     */
    public static UnixServerChannel bind(SocketAddress address, UnixChannel.Type type, int backlog) throws IOException {
        Objects.requireNonNull(type, "type");
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be at least 1, not " + backlog);
        }
        if (type == UnixChannel.Type.DATAGRAM) {
            throw new IllegalArgumentException("datagram sockets do not listen: use UnixChannel.openDatagram(address)");
        }
        Addressing.unix(address);
        Platform.requireSupported();
        int fd;
        Scratch scratch = Scratch.acquire();
        try {
            fd = Syscalls.socket(scratch.capture(), Constants.AF_UNIX, type.value | Constants.SOCK_NONBLOCK | Constants.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new ErrnoException("socket", -fd);
            }
        } finally {
            scratch.release();
        }
        UnixServerChannel server = new UnixServerChannel(fd, type, Leaks.origin("bound to " + address, -1));
        try {
            Posix.bindTo(fd, Addressing.unix(address));
            Posix.listen(fd, backlog);
        } catch (IOException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Takes over a listening {@code AF_UNIX} socket (received from another process, inherited, made by
     * the JDK): the descriptor is released to the channel, and switched to non-blocking mode, which its
     * other copies share (see the class description).
     *
     * @param listener a listening {@code AF_UNIX} socket
     * @return the channel, which owns the socket
     * @throws ErrnoException           if a query or {@code fcntl} fails
     * @throws IllegalArgumentException if it is not a listening {@code AF_UNIX} socket
     * @throws IllegalStateException    if the descriptor is closed or in use
     */
    public static UnixServerChannel adopt(Descriptor listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        if (listener.kind() != Descriptor.Kind.SOCKET || listener.socketFamily() != Constants.AF_UNIX || !listener.isListening()) {
            throw new IllegalArgumentException("a UnixServerChannel takes a listening AF_UNIX socket, not a " + listener.describe());
        }
        UnixChannel.Type type = UnixChannel.Type.of(listener.socketType());
        int fd = listener.release();
        UnixServerChannel server = new UnixServerChannel(fd, type, Leaks.origin("adopted", fd));
        Scratch scratch = Scratch.acquire();
        try {
            int flags = FileCalls.fcntl(scratch.capture(), fd, FileCalls.F_GETFL, 0);
            int result = flags < 0 ? flags : FileCalls.fcntl(scratch.capture(), fd, FileCalls.F_SETFL, flags | Constants.O_NONBLOCK);
            if (result < 0) {
                server.close();
                throw new ErrnoException("fcntl(F_SETFL)", fd, -result);
            }
        } finally {
            scratch.release();
        }
        return server;
    }

    /**
     * Waits for a connection and accepts it. The new channel's socket is close-on-exec and blocking
     * (the channel passes {@code MSG_DONTWAIT} itself).
     *
     * @return the new connection
     * @throws ClosedChannelException as {@link UnixChannel#read(java.nio.ByteBuffer)}
     * @throws SocketTimeoutException if the timeout passes first
     * @throws ErrnoException         if {@code accept4} fails ({@code EMFILE} …)
     */
    public UnixChannel accept() throws IOException {
        acceptLock.lock();
        try {
            if (!isOpen()) {
                throw new ClosedChannelException();   // closed before the call: not an asynchronous close
            }
            boolean completed = false;
            begin();
            try {
                if (!isOpen() || !socket.acquire()) {
                    throw new ClosedChannelException();
                }
                try {
                    int fd = socket.fd();
                    long deadline = timeoutNanos == 0 ? 0 : Math.max(1, System.nanoTime() + timeoutNanos);
                    Scratch scratch = Scratch.acquire();
                    try {
                        while (true) {
                            int connection = Syscalls.accept4(scratch.capture(), fd, Constants.SOCK_CLOEXEC);
                            if (connection >= 0) {
                                UnixChannel channel = new UnixChannel(connection, type, Leaks.origin("accepted", fd));
                                completed = true;
                                return channel;
                            }
                            if (-connection != Errno.EAGAIN) {
                                throw new ErrnoException("accept4", fd, -connection);
                            }
                            if (!await(fd, deadline)) {
                                return null;   // closed or interrupted: end() throws
                            }
                        }
                    } finally {
                        scratch.release();
                    }
                } finally {
                    socket.release();
                }
            } finally {
                end(completed);
            }
        } finally {
            acceptLock.unlock();
        }
    }

    private boolean await(int fd, long deadline) throws IOException {
        socket.markWaited();
        waiter = Thread.currentThread();
        try {
            if (!isOpen()) {
                return false;
            }
            int result = Poller.readers().await(fd, deadline, closed);
            if (result == Poller.READY) {
                return true;
            }
            if (result == Poller.TIMED_OUT) {
                throw new SocketTimeoutException("accept timed out after " + Duration.ofNanos(timeoutNanos) + " on " + this);
            }
            if (result < 0) {
                throw new ErrnoException("epoll_ctl", fd, -result);
            }
            return false;
        } finally {
            waiter = null;
        }
    }

    /**
     * Bounds each later {@link #accept()} by {@code timeout}; null or zero for no limit.
     *
     * @param timeout the limit of each accept; null or zero for none
     * @return this channel
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public UnixServerChannel setTimeout(Duration timeout) {
        timeoutNanos = UnixChannel.nanos(timeout);
        return this;
    }

    /**
     * The address this listener is bound to.
     *
     * @return the address
     * @throws IOException if {@code getsockname} fails or the channel is closed
     */
    public SocketAddress localAddress() throws IOException {
        if (!socket.acquire()) {
            throw new ClosedChannelException();
        }
        try {
            return Posix.localAddress(socket.fd());
        } finally {
            socket.release();
        }
    }

    /**
     * A new descriptor for this listening socket, to hand it to another process (a successor taking
     * over); this channel stays open and its own.
     *
     * @return a new descriptor for the listening socket, owned by the result
     * @throws IOException if {@code fcntl} fails or the channel is closed
     */
    public Descriptor duplicateDescriptor() throws IOException {
        if (!socket.acquire()) {
            throw new ClosedChannelException();
        }
        try {
            return Descriptor.duplicateOf(socket.fd());
        } finally {
            socket.release();
        }
    }

    @Override
    protected void implCloseChannel() {
        socket.close();
        cleanable.clean();
        Thread waiting = waiter;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    /** Shows the socket's number and type, such as {@code UnixServerChannel[fd 8, STREAM]}. */
    @Override
    public String toString() {
        return "UnixServerChannel[fd " + socket.fd() + ", " + type + (isOpen() ? "" : ", closed") + "]";
    }
}
