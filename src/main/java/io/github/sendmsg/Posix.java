package io.github.sendmsg;

import io.github.sendmsg.internal.AddressHints;
import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.SocketCalls;
import io.github.sendmsg.internal.SocketAddresses;
import io.github.sendmsg.internal.Syscalls;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Objects;

/**
 * The few POSIX calls a Java program needs to get descriptors to pass: what Python takes from
 * {@code os} and {@code socket}. The JDK exposes no descriptor numbers, so without these the how-to's
 * examples could not be written in Java.
 *
 * <p>Every descriptor these methods return is new, close-on-exec (as every descriptor the JDK opens),
 * and the caller's to {@link #close(int)}. Methods are thread-safe. Blocking calls ({@link #read},
 * {@link #accept}) pin a virtual thread to its carrier while they wait.
 *
 * <p>{@code AF_UNIX} paths are filesystem paths in UTF-8, or Linux abstract names written with a
 * leading {@code '@'} ({@code "@my-service"}), as {@link UnixAddress} describes. Abstract names have
 * no permissions: any process in the same network namespace may connect to them.
 */
public final class Posix {

    private Posix() {
    }

    /**
     * A connected pair of {@code AF_UNIX} stream sockets: Python's {@code socket.socketpair()}.
     *
     * @return two new descriptors, the caller's to close
     * @throws ErrnoException if {@code socketpair} fails ({@code EMFILE} …)
     */
    public static int[] socketpair() throws ErrnoException {
        return socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
    }

    /**
     * A connected pair of sockets of the given domain and type.
     *
     * @param domain {@link SendMsg#AF_UNIX} (the only domain Linux pairs)
     * @param type   {@link SendMsg#SOCK_STREAM}, {@link SendMsg#SOCK_DGRAM} or {@link SendMsg#SOCK_SEQPACKET}
     * @return two new descriptors, the caller's to close
     * @throws ErrnoException if {@code socketpair} fails ({@code EOPNOTSUPP} for other domains …)
     */
    public static int[] socketpair(int domain, int type) throws ErrnoException {
        // Allocated before the call: running out of memory after it would lose the two descriptors.
        int[] pair = new int[2];
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment fds = scratch.small().asSlice(0, 2 * Integer.BYTES);
            int result = Syscalls.socketpair(scratch.capture(), domain, type | Constants.SOCK_CLOEXEC, 0, fds);
            if (result < 0) {
                throw new ErrnoException("socketpair", -result);
            }
            pair[0] = fds.get(ValueLayout.JAVA_INT, 0);
            pair[1] = fds.get(ValueLayout.JAVA_INT, Integer.BYTES);
            return pair;
        } finally {
            scratch.release();
        }
    }

    /**
     * A pipe: Python's {@code os.pipe()}.
     *
     * @return {@code {readEnd, writeEnd}}, two new descriptors, the caller's to close
     * @throws ErrnoException if {@code pipe2} fails
     */
    public static int[] pipe() throws ErrnoException {
        int[] pipe = new int[2];
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment fds = scratch.small().asSlice(0, 2 * Integer.BYTES);
            int result = Syscalls.pipe2(scratch.capture(), fds, Constants.O_CLOEXEC);
            if (result < 0) {
                throw new ErrnoException("pipe2", -result);
            }
            pipe[0] = fds.get(ValueLayout.JAVA_INT, 0);
            pipe[1] = fds.get(ValueLayout.JAVA_INT, Integer.BYTES);
            return pipe;
        } finally {
            scratch.release();
        }
    }

    /**
     * Reads up to {@code max} bytes: Python's {@code os.read(fd, max)}.
     *
     * @param fd  an open descriptor
     * @param max the most bytes to read
     * @return the bytes read; empty at end of file
     * @throws ErrnoException           if {@code read} fails
     * @throws IllegalArgumentException if {@code fd} or {@code max} is negative
     */
    public static byte[] read(int fd, int max) throws ErrnoException {
        Arguments.requireFd(fd);
        Arguments.requireNonNegative(max, "max");
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment buffer = scratch.data(max);
            long count = Syscalls.read(scratch.capture(), fd, buffer, max);
            if (count < 0) {
                throw new ErrnoException("read", fd, (int) -count);
            }
            return buffer.asSlice(0, count).toArray(ValueLayout.JAVA_BYTE);
        } finally {
            scratch.release();
        }
    }

    /**
     * Writes {@code data}: Python's {@code os.write(fd, data)}. Writing to a pipe or socket whose
     * reader has gone raises {@code SIGPIPE}, as in C; the JVM ignores that signal, so the call fails
     * with {@code EPIPE}.
     *
     * @param fd   an open descriptor
     * @param data the bytes to write
     * @return the number of bytes written, possibly fewer than all
     * @throws ErrnoException           if {@code write} fails
     * @throws NullPointerException     if {@code data} is null
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static int write(int fd, byte[] data) throws ErrnoException {
        Arguments.requireFd(fd);
        Objects.requireNonNull(data, "data");
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment buffer = scratch.data(data.length);
            MemorySegment.copy(data, 0, buffer, ValueLayout.JAVA_BYTE, 0, data.length);
            long count = Syscalls.write(scratch.capture(), fd, buffer, data.length);
            if (count < 0) {
                throw new ErrnoException("write", fd, (int) -count);
            }
            return (int) count;
        } finally {
            scratch.release();
        }
    }

    /**
     * Closes a descriptor. Never retried: on Linux the descriptor is gone even if {@code close} was
     * interrupted.
     *
     * @param fd an open descriptor the caller owns
     * @throws ErrnoException           if {@code close} fails ({@code EBADF} if it was not open)
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static void close(int fd) throws ErrnoException {
        Arguments.requireFd(fd);
        Scratch scratch = Scratch.acquire();
        try {
            int result = Syscalls.close(scratch.capture(), fd);
            if (result < 0) {
                throw new ErrnoException("close", fd, -result);
            }
        } finally {
            scratch.release();
        }
    }

    /**
     * A new socket.
     *
     * @param domain such as {@link SendMsg#AF_UNIX} or {@link SendMsg#AF_INET}
     * @param type   such as {@link SendMsg#SOCK_STREAM} or {@link SendMsg#SOCK_DGRAM}
     * @return a new descriptor, the caller's to close
     * @throws ErrnoException if {@code socket} fails ({@code EAFNOSUPPORT} …)
     */
    public static int socket(int domain, int type) throws ErrnoException {
        Scratch scratch = Scratch.acquire();
        try {
            int fd = Syscalls.socket(scratch.capture(), domain, type | Constants.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new ErrnoException("socket", -fd);
            }
            return fd;
        } finally {
            scratch.release();
        }
    }

    /**
     * Binds an {@code AF_UNIX} socket to a path, or to an abstract name given as {@code "@name"}.
     * A filesystem path must not exist yet; it stays after the socket closes, for the caller to delete.
     *
     * @param fd   an {@code AF_UNIX} socket
     * @param path the path, or {@code '@'} and an abstract name
     * @throws ErrnoException           if {@code bind} fails ({@code EADDRINUSE}, {@code EACCES} …)
     * @throws NullPointerException     if {@code path} is null
     * @throws IllegalArgumentException if {@code fd} is negative, or the path is empty, holds NUL or
     *                                  takes more than 107 bytes
     */
    public static void bind(int fd, String path) throws ErrnoException {
        Objects.requireNonNull(path, "path");
        addressCall(fd, null, path, true);
    }

    /**
     * Binds a socket to {@code address}: a {@link UnixAddress} (exact bytes), the JDK's
     * {@link java.net.UnixDomainSocketAddress}, or an {@link java.net.InetSocketAddress} for an
     * {@code AF_INET}/{@code AF_INET6} socket (port 0 picks a free one).
     *
     * @param fd      a socket of the address's family
     * @param address where to bind
     * @throws ErrnoException           if {@code bind} fails ({@code EADDRINUSE}, {@code EACCES},
     *                                  {@code EINVAL} for an address of another family …)
     * @throws NullPointerException     if {@code address} is null
     * @throws IllegalArgumentException if {@code fd} is negative, or the address is of another type or unresolved
     */
    public static void bindTo(int fd, SocketAddress address) throws ErrnoException {
        addressCall(fd, Objects.requireNonNull(address, "address"), null, true);
    }

    /**
     * Connects an {@code AF_UNIX} socket to a path, or to an abstract name given as {@code "@name"}.
     * Not retried if interrupted (the connection goes on in the kernel).
     *
     * @param fd   an {@code AF_UNIX} socket
     * @param path the path, or {@code '@'} and an abstract name
     * @throws ErrnoException           if {@code connect} fails ({@code ENOENT}, {@code ECONNREFUSED} …)
     * @throws NullPointerException     if {@code path} is null
     * @throws IllegalArgumentException if {@code fd} is negative, or the path is empty, holds NUL or
     *                                  takes more than 107 bytes
     */
    public static void connect(int fd, String path) throws ErrnoException {
        Objects.requireNonNull(path, "path");
        addressCall(fd, null, path, false);
    }

    /**
     * Connects a socket to {@code address}, as {@link #bindTo(int, SocketAddress)} takes it. Not retried
     * if interrupted (the connection goes on in the kernel).
     *
     * @param fd      a socket of the address's family
     * @param address where to connect
     * @throws ErrnoException           if {@code connect} fails ({@code ENOENT}, {@code ECONNREFUSED} …)
     * @throws NullPointerException     if {@code address} is null
     * @throws IllegalArgumentException if {@code fd} is negative, or the address is of another type or unresolved
     */
    public static void connectTo(int fd, SocketAddress address) throws ErrnoException {
        addressCall(fd, Objects.requireNonNull(address, "address"), null, false);
    }

    /** {@code bind} or {@code connect} to {@code address}, or to the {@code AF_UNIX} name {@code path}. */
    private static void addressCall(int fd, SocketAddress address, String path, boolean bind) throws ErrnoException {
        Arguments.requireFd(fd);
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment name = scratch.small();
            int length = address != null ? Addresses.encode(name, address) : SocketAddresses.encodeUnix(name, path);
            int result = bind
                    ? Syscalls.bind(scratch.capture(), fd, name, length)
                    : Syscalls.connect(scratch.capture(), fd, name, length);
            if (result < 0) {
                String unixName = path != null ? path : address instanceof UnixAddress unix ? unix.asString()
                        : address instanceof UnixDomainSocketAddress uds ? uds.getPath().toString() : null;
                throw new ErrnoException(bind ? "bind" : "connect", fd, -result,
                        AddressHints.forAddressCall(bind, -result, address != null ? address : path, unixName));
            }
        } finally {
            scratch.release();
        }
    }

    /**
     * The address a socket is bound to ({@code getsockname(2)}): a {@link UnixAddress}, or an
     * {@link java.net.InetSocketAddress} (the port the kernel picked for port 0, say).
     *
     * @param fd a socket
     * @return its address; null for an unnamed {@code AF_UNIX} socket or another family
     * @throws ErrnoException           if {@code getsockname} fails ({@code EBADF}, {@code ENOTSOCK})
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static SocketAddress localAddress(int fd) throws ErrnoException {
        return address(fd, false);
    }

    /**
     * The address of a connected socket's peer ({@code getpeername(2)}), as {@link #localAddress(int)}
     * reports one.
     *
     * @param fd a connected socket
     * @return the peer's address; null for an unnamed peer (either end of a socket pair)
     * @throws ErrnoException           if {@code getpeername} fails ({@code ENOTCONN} …)
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static SocketAddress peerAddress(int fd) throws ErrnoException {
        return address(fd, true);
    }

    private static SocketAddress address(int fd, boolean peer) throws ErrnoException {
        Arguments.requireFd(fd);
        Scratch scratch = Scratch.acquire();
        try {
            int length = SocketCalls.address(scratch, fd, peer);
            if (length < 0) {
                throw new ErrnoException(peer ? "getpeername" : "getsockname", fd, -length);
            }
            return Addresses.sender(scratch.small(), length);
        } finally {
            scratch.release();
        }
    }

    /**
     * Marks a bound socket as accepting connections.
     *
     * @param fd      a bound stream or seqpacket socket
     * @param backlog how many pending connections to queue
     * @throws ErrnoException           if {@code listen} fails
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static void listen(int fd, int backlog) throws ErrnoException {
        Arguments.requireFd(fd);
        Scratch scratch = Scratch.acquire();
        try {
            int result = Syscalls.listen(scratch.capture(), fd, backlog);
            if (result < 0) {
                throw new ErrnoException("listen", fd, -result);
            }
        } finally {
            scratch.release();
        }
    }

    /**
     * Waits for and accepts one connection.
     *
     * @param fd a listening socket
     * @return the connected socket, a new descriptor, the caller's to close
     * @throws ErrnoException           if {@code accept4} fails
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static int accept(int fd) throws ErrnoException {
        Arguments.requireFd(fd);
        Scratch scratch = Scratch.acquire();
        try {
            int connection = Syscalls.accept4(scratch.capture(), fd, Constants.SOCK_CLOEXEC);
            if (connection < 0) {
                throw new ErrnoException("accept4", fd, -connection);
            }
            return connection;
        } finally {
            scratch.release();
        }
    }
}
