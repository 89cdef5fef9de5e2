package io.github.sendmsg.channel;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.SendMsg;
import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.Errno;
import io.github.sendmsg.internal.FdState;
import io.github.sendmsg.internal.FileCalls;
import io.github.sendmsg.internal.Platform;
import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.SocketCalls;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An open file descriptor this process owns: closed exactly once, by {@link #close()}, and never while
 * a call of the library is using its number. It is what every receive of {@link UnixChannel} hands out,
 * what {@link #open(Path, OpenOption...)} and the {@code of(...)} bridges make, and what a send takes.
 * {@snippet :
 * try (Descriptor config = Descriptor.open(Path.of("/etc/app.conf"))) {
 *     channel.write(ByteBuffer.wrap("config".getBytes()), config);   // the peer gets a copy; ours stays open
 * }
 * }
 *
 * <p><b>Ownership.</b> Sending <em>borrows</em>: the receiver gets a new descriptor for the same open
 * file description and this one stays open ({@link UnixChannel#writeAndClose} moves instead: it closes
 * this one once the send succeeded). {@link #fd()} lends the number for a call the caller makes itself:
 * keep this object reachable while using it. {@link #release()} gives the number up to the caller.
 *
 * <p><b>Leaks.</b> A descriptor that becomes unreachable while open is closed by a {@link Cleaner} and
 * reported at WARNING level through {@link System.Logger} (logger {@code io.github.sendmsg.channel.Descriptor}),
 * with where it came from; {@code -Dio.github.sendmsg.leakTraces=true} adds the stack where it was made.
 *
 * <p><b>Bridges to java.nio and java.io.</b> {@code toFileChannel()}, {@code toInputStream()},
 * {@code toOutputStream()}, {@code toFileDescriptor()}, {@code toSocketChannel()},
 * {@code toServerSocketChannel()} and {@code toDatagramChannel()} give genuine JDK objects that operate
 * on this same open file description (shared offset, shared socket), through a new descriptor number
 * that the JDK object owns: they <em>duplicate</em>, and this descriptor stays open and ours. The
 * {@code of(...)} factories go the other way and duplicate too: the JDK object stays open and the JDK's.
 * How they work, with their limits, is in {@code docs/descriptors.md}; in short, the JDK has no public
 * way to make an object from a number or to tell an object's number, so a bridge opens a JDK object of
 * the right kind on a throwaway target and replaces that object's descriptor with a copy of this one
 * ({@code dup3}), and the reverse direction finds the JDK object's number by what only it has (its
 * address, or a position set for the purpose). Each says in its exception why a conversion cannot be made.
 *
 * <p>Thread-safe. Equality is identity: two objects never own the same number at once ({@link #adopt(int)}
 * refuses a number this library owns already).
 */
public final class Descriptor implements AutoCloseable {

    /** What a descriptor refers to, from the file type bits of {@code statx(2)}. */
    public enum Kind {
        /** A regular file. */
        REGULAR_FILE,
        /** A directory (opened for reading, or with {@code O_PATH}). */
        DIRECTORY,
        /** A pipe or a FIFO. */
        PIPE,
        /** A socket: see {@link #socketFamily()} and {@link #socketType()}. */
        SOCKET,
        /** A character device, such as {@code /dev/null} or a terminal. */
        CHARACTER_DEVICE,
        /** A block device. */
        BLOCK_DEVICE,
        /** A symbolic link (opened with {@code O_PATH | O_NOFOLLOW}). */
        SYMBOLIC_LINK,
        /** Anything else: an anonymous inode such as an eventfd, a pidfd, an epoll instance. */
        OTHER;

        static Kind of(int type) {
            if (type == FileCalls.S_IFREG) {
                return REGULAR_FILE;
            } else if (type == FileCalls.S_IFDIR) {
                return DIRECTORY;
            } else if (type == FileCalls.S_IFIFO) {
                return PIPE;
            } else if (type == FileCalls.S_IFSOCK) {
                return SOCKET;
            } else if (type == FileCalls.S_IFCHR) {
                return CHARACTER_DEVICE;
            } else if (type == FileCalls.S_IFBLK) {
                return BLOCK_DEVICE;
            } else if (type == FileCalls.S_IFLNK) {
                return SYMBOLIC_LINK;
            }
            return OTHER;
        }
    }

    private final FdState state;
    private final Cleaner.Cleanable cleanable;

    /** Takes ownership of {@code fd}, which belongs to no one else, noting {@code origin} for a leak report. */
    Descriptor(int fd, Leaks.Origin origin) {
        this(new FdState(fd), origin);
    }

    private Descriptor(FdState state, Leaks.Origin origin) {
        this.state = state;
        this.cleanable = Leaks.register(this, state, origin, "descriptor");
    }

    /**
     * Takes ownership of an open descriptor number: from now on this object closes it, and the caller
     * must not. Use it for numbers the JDK cannot give (inherited at exec, from {@code Posix}, from
     * {@code SendMsg.recv1msg}).
     *
     * @param fd an open descriptor that belongs to the caller
     * @return its owner
     * @throws ErrnoException           if {@code fd} is not open ({@code EBADF})
     * @throws IllegalStateException    if a {@code Descriptor} or channel of this library owns {@code fd}
     *                                  already (adopted twice, or received: {@link #duplicateOf(int)}
     *                                  makes a copy to own instead)
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static Descriptor adopt(int fd) throws ErrnoException {
        requireFd(fd);
        Scratch scratch = Scratch.acquire();
        try {
            int flags = FileCalls.fcntl(scratch.capture(), fd, FileCalls.F_GETFD, 0);
            if (flags < 0) {
                throw new ErrnoException("fcntl(F_GETFD)", fd, -flags);
            }
        } finally {
            scratch.release();
        }
        return new Descriptor(FdState.adopt(fd), Leaks.origin("adopted", fd));
    }

    /**
     * A new descriptor, close-on-exec, for the open file description {@code fd} refers to; {@code fd}
     * stays the caller's.
     *
     * @param fd an open descriptor
     * @return the copy, owned by the result
     * @throws ErrnoException           if {@code fcntl(F_DUPFD_CLOEXEC)} fails ({@code EBADF}, {@code EMFILE})
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static Descriptor duplicateOf(int fd) throws ErrnoException {
        requireFd(fd);
        return new Descriptor(dup(fd), Leaks.origin("duplicated", fd));
    }

    /**
     * Opens a file as {@link FileChannel#open(Path, OpenOption...)} would, but as a descriptor to pass:
     * {@code open(2)} with {@code O_CLOEXEC}. No options opens for reading; directories open too.
     *
     * @param path    the file
     * @param options {@link java.nio.file.StandardOpenOption}s ({@code READ}, {@code WRITE}, {@code APPEND},
     *                {@code CREATE}, {@code CREATE_NEW}, {@code TRUNCATE_EXISTING}, {@code SYNC},
     *                {@code DSYNC}) and {@link java.nio.file.LinkOption#NOFOLLOW_LINKS}
     * @return the open file, owned by the result
     * @throws ErrnoException                if {@code open} fails ({@code ENOENT}, {@code EACCES}, {@code EEXIST} …)
     * @throws NullPointerException          if an argument is null
     * @throws UnsupportedOperationException for an option {@code open(2)} has no flag for
     *                                       ({@code DELETE_ON_CLOSE}, {@code SPARSE})
     */
    public static Descriptor open(Path path, OpenOption... options) throws ErrnoException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        Platform.requireSupported();
        return new Descriptor(FileBridges.open(path, options), Leaks.origin("opened from " + path, -1));
    }

    /**
     * A descriptor for the open file of a JDK {@link FileChannel}: a duplicate, so the channel stays the
     * JDK's. Found by the channel's position, which this sets to a unique value and restores: do not use
     * the channel from another thread meanwhile.
     *
     * @param channel an open {@code FileChannel}
     * @return a new descriptor for its open file
     * @throws IOException                   if the channel is closed, or a call fails
     * @throws UnsupportedOperationException if the channel has no position to tell it by (a pipe, a FIFO,
     *                                       a device), with the reason
     */
    public static Descriptor of(FileChannel channel) throws IOException {
        return received(FileBridges.numberOf(Objects.requireNonNull(channel, "channel")), "duplicated from a FileChannel");
    }

    /**
     * A descriptor for what a JDK {@link FileDescriptor} refers to: a duplicate; the
     * {@code FileDescriptor} stays the JDK's. {@link FileDescriptor#in}, {@code out} and {@code err} are
     * 0, 1 and 2; any other is found as {@link #of(FileChannel)} finds a channel's.
     *
     * @param descriptor a valid {@code FileDescriptor}
     * @return a new descriptor for what it refers to
     * @throws IOException                   if the descriptor is not valid, or a call fails
     * @throws UnsupportedOperationException if it refers to something without a position (a pipe, a socket)
     */
    public static Descriptor of(FileDescriptor descriptor) throws IOException {
        return received(FileBridges.numberOf(Objects.requireNonNull(descriptor, "descriptor")), "duplicated from a FileDescriptor");
    }

    /**
     * A descriptor for a {@link FileInputStream}'s file: a duplicate; the stream stays the JDK's.
     *
     * @param stream an open stream
     * @return a new descriptor for its file
     * @throws IOException                   if the stream is closed, or a call fails
     * @throws UnsupportedOperationException as {@link #of(FileDescriptor)}
     */
    public static Descriptor of(FileInputStream stream) throws IOException {
        return of(Objects.requireNonNull(stream, "stream").getFD());
    }

    /**
     * A descriptor for a {@link FileOutputStream}'s file: a duplicate; the stream stays the JDK's.
     *
     * @param stream an open stream
     * @return a new descriptor for its file
     * @throws IOException                   if the stream is closed, or a call fails
     * @throws UnsupportedOperationException as {@link #of(FileDescriptor)}
     */
    public static Descriptor of(FileOutputStream stream) throws IOException {
        return of(Objects.requireNonNull(stream, "stream").getFD());
    }

    /**
     * A descriptor for a JDK {@link SocketChannel}'s socket (any family): a duplicate; the channel stays
     * the JDK's. Found by its addresses, and where several sockets share them (clients of one
     * {@code AF_UNIX} server), by its {@code SO_LINGER}, which this sets to unique values and restores.
     *
     * @param channel an open {@code SocketChannel}
     * @return a new descriptor for its socket
     * @throws IOException                   if the channel is closed, or a call fails
     * @throws UnsupportedOperationException if no single socket of this process can be told to be the channel's
     */
    public static Descriptor of(SocketChannel channel) throws IOException {
        return received(SocketBridges.numberOf(Objects.requireNonNull(channel, "channel")), "duplicated from a SocketChannel");
    }

    /**
     * A descriptor for a JDK {@link ServerSocketChannel}'s listening socket: a duplicate, which a
     * {@link UnixServerChannel}, another process, or a successor of this one can accept on; the channel
     * stays the JDK's. Found by its bound address.
     *
     * @param channel a bound {@code ServerSocketChannel}
     * @return a new descriptor for its listening socket
     * @throws IOException                   if the channel is closed, or a call fails
     * @throws IllegalStateException         if the channel is not bound
     * @throws UnsupportedOperationException if several listening sockets share its address ({@code SO_REUSEPORT})
     */
    public static Descriptor of(ServerSocketChannel channel) throws IOException {
        return received(SocketBridges.numberOf(Objects.requireNonNull(channel, "channel")), "duplicated from a ServerSocketChannel");
    }

    /**
     * A descriptor for a JDK {@link DatagramChannel}'s socket: a duplicate; the channel stays the JDK's.
     * Found by its bound address (and its peer's, if connected).
     *
     * @param channel a bound {@code DatagramChannel}
     * @return a new descriptor for its socket
     * @throws IOException                   if the channel is closed, or a call fails
     * @throws IllegalStateException         if the channel is not bound
     * @throws UnsupportedOperationException if several sockets share its addresses
     */
    public static Descriptor of(DatagramChannel channel) throws IOException {
        return received(SocketBridges.numberOf(Objects.requireNonNull(channel, "channel")), "duplicated from a DatagramChannel");
    }

    /** A descriptor for a number the library installed itself (a receive, a duplicate). */
    static Descriptor received(int fd, String how) {
        return new Descriptor(fd, Leaks.origin(how, -1));
    }

    static Descriptor received(int fd, String how, int from) {
        return new Descriptor(fd, Leaks.origin(how, from));
    }

    /**
     * The number, lent for a call the caller makes itself (the library's own calls never need it).
     * Keep this object reachable, and open, while using it.
     *
     * @return the number
     * @throws IllegalStateException if this descriptor is closed
     */
    public int fd() {
        requireOpen();
        return state.fd();
    }

    /** {@return true until {@link #close()} (or {@link #release()})} */
    public boolean isOpen() {
        return state.isOpen();
    }

    /**
     * A new descriptor for the same open file description, close-on-exec: {@code F_DUPFD_CLOEXEC}. Both
     * are owned and closed separately.
     *
     * @return the copy, owned by the result
     * @throws ErrnoException        if {@code fcntl} fails ({@code EMFILE} …)
     * @throws IllegalStateException if this descriptor is closed
     */
    public Descriptor duplicate() throws ErrnoException {
        int fd = borrow();
        try {
            return new Descriptor(dup(fd), Leaks.origin("duplicated", fd));
        } finally {
            state.release();
        }
    }

    /**
     * What this descriptor refers to.
     *
     * @return its kind
     * @throws ErrnoException        if {@code statx} fails
     * @throws IllegalStateException if this descriptor is closed
     */
    public Kind kind() throws ErrnoException {
        int fd = borrow();
        Scratch scratch = Scratch.acquire();
        try {
            int type = FileCalls.fileType(scratch, fd);
            if (type < 0) {
                throw new ErrnoException("statx", fd, -type);
            }
            return Kind.of(type);
        } finally {
            scratch.release();
            state.release();
        }
    }

    /**
     * The address family of this socket: {@link SendMsg#AF_UNIX}, {@link SendMsg#AF_INET},
     * {@link SendMsg#AF_INET6} or another {@code AF_*} value.
     *
     * @return the {@code AF_*} value
     * @throws ErrnoException        if {@code getsockopt(SO_DOMAIN)} fails ({@code ENOTSOCK} for a non-socket)
     * @throws IllegalStateException if this descriptor is closed
     */
    public int socketFamily() throws ErrnoException {
        return socketOption(Constants.SO_DOMAIN, "SO_DOMAIN");
    }

    /**
     * The type of this socket: {@link SendMsg#SOCK_STREAM}, {@link SendMsg#SOCK_DGRAM} or
     * {@link SendMsg#SOCK_SEQPACKET}.
     *
     * @return the {@code SOCK_*} value
     * @throws ErrnoException        if {@code getsockopt(SO_TYPE)} fails ({@code ENOTSOCK} for a non-socket)
     * @throws IllegalStateException if this descriptor is closed
     */
    public int socketType() throws ErrnoException {
        return socketOption(Constants.SO_TYPE, "SO_TYPE");
    }

    /**
     * True if this is a listening socket ({@code SO_ACCEPTCONN}).
     *
     * @return true for a listening socket
     * @throws ErrnoException        if {@code getsockopt} fails ({@code ENOTSOCK} for a non-socket)
     * @throws IllegalStateException if this descriptor is closed
     */
    public boolean isListening() throws ErrnoException {
        return socketOption(Constants.SO_ACCEPTCONN, "SO_ACCEPTCONN") != 0;
    }

    private int socketOption(int option, String what) throws ErrnoException {
        int fd = borrow();
        Scratch scratch = Scratch.acquire();
        try {
            int value = SocketCalls.intOption(scratch, fd, Constants.SOL_SOCKET, option);
            if (value == Integer.MIN_VALUE) {
                throw new ErrnoException("getsockopt(" + what + ")", fd, Errno.read(scratch.capture()));
            }
            return value;
        } finally {
            scratch.release();
            state.release();
        }
    }

    /**
     * What this descriptor is, in words: {@code "regular file"}, {@code "pipe"},
     * {@code "socket AF_UNIX SOCK_STREAM listening"}, {@code "closed"} … Never throws.
     *
     * @return a description
     */
    public String describe() {
        if (!isOpen()) {
            return "closed";
        }
        try {
            Kind kind = kind();
            if (kind != Kind.SOCKET) {
                return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            }
            return "socket " + Names.family(socketFamily()) + " " + Names.type(socketType()) + (isListening() ? " listening" : "");
        } catch (ErrnoException | IllegalStateException e) {
            return isOpen() ? "unknown (" + e.getMessage() + ")" : "closed";
        }
    }

    /**
     * Gives up ownership: the number is the caller's from now on, to close; this object is closed and
     * its safety net disarmed.
     *
     * @return the number
     * @throws IllegalStateException if this descriptor is closed, or a call of the library is using it
     */
    public int release() {
        int fd = state.detach();
        if (fd < 0) {
            throw new IllegalStateException(isOpen() ? "this descriptor is in use by a call in flight" : "this descriptor is closed");
        }
        cleanable.clean();
        return fd;
    }

    /**
     * Closes the descriptor. Idempotent: only the first call closes; later ones do nothing. If a call of
     * the library is using the number on another thread, the number is closed when that call ends.
     */
    @Override
    public void close() {
        state.close();
        cleanable.clean();
    }

    // ---- bridges to java.nio and java.io ----

    /**
     * A JDK {@link FileChannel} on this open file description: reads, writes, {@code position()} and
     * {@code size()} act on it (a pipe reads and writes, but has no position). The channel owns a
     * duplicate; closing either leaves the other open.
     *
     * @return a JDK channel that owns a copy of this descriptor
     * @throws IOException                   if a call fails
     * @throws UnsupportedOperationException for a socket (use {@link #toSocketChannel()} and friends) or a directory
     * @throws IllegalStateException         if this descriptor is closed
     */
    public FileChannel toFileChannel() throws IOException {
        return FileBridges.fileChannel(this);
    }

    /**
     * A {@link FileDescriptor} on this open file description, owned by the JDK (a duplicate): make a
     * {@code FileInputStream} or {@code FileOutputStream} of it, and close that to close it. If none is
     * made, the JDK closes it when it becomes unreachable.
     *
     * @return a JDK descriptor object that owns a copy of this descriptor
     * @throws IOException                   if a call fails
     * @throws UnsupportedOperationException for a directory
     * @throws IllegalStateException         if this descriptor is closed
     */
    public FileDescriptor toFileDescriptor() throws IOException {
        return FileBridges.fileDescriptor(this);
    }

    /**
     * A {@link FileInputStream} reading this open file description (a file, a pipe, a socket, a device):
     * the stream owns a duplicate. On a virtual thread, a read that waits is the JDK's blocking file read
     * (which compensates by adding a carrier, not by unmounting).
     *
     * @return a stream that owns a copy of this descriptor
     * @throws IOException           if a call fails
     * @throws IllegalStateException if this descriptor is closed
     */
    public InputStream toInputStream() throws IOException {
        return new FileInputStream(toFileDescriptor());
    }

    /**
     * A {@link FileOutputStream} writing this open file description: the stream owns a duplicate.
     *
     * @return a stream that owns a copy of this descriptor
     * @throws IOException           if a call fails
     * @throws IllegalStateException if this descriptor is closed
     */
    public OutputStream toOutputStream() throws IOException {
        return new FileOutputStream(toFileDescriptor());
    }

    /**
     * A JDK {@link SocketChannel} on this connected stream socket ({@code AF_UNIX}, {@code AF_INET} or
     * {@code AF_INET6}), which any code written for the JDK can use: it owns a duplicate. Limits: its
     * {@code getLocalAddress()}/{@code getRemoteAddress()} report the throwaway connection it was made
     * from, not this socket's (ask {@link io.github.sendmsg.Posix#localAddress(int)}); and used from a
     * virtual thread, the JDK switches the socket to non-blocking, which every copy shares (the sender's
     * too).
     *
     * @return a JDK channel that owns a copy of this socket
     * @throws IOException                   if a call fails
     * @throws UnsupportedOperationException if this is not a connected stream socket of those families, with why
     * @throws IllegalStateException         if this descriptor is closed
     */
    public SocketChannel toSocketChannel() throws IOException {
        return SocketBridges.socketChannel(this);
    }

    /**
     * A JDK {@link ServerSocketChannel} on this listening socket ({@code AF_UNIX}, {@code AF_INET} or
     * {@code AF_INET6}), so a listener received from another process can be served by code that knows
     * only the JDK: it owns a duplicate. Limits: {@code getLocalAddress()} reports the throwaway address
     * it was made on; accepting from a virtual thread switches the listener to non-blocking, shared by
     * every copy.
     *
     * @return a JDK channel that owns a copy of this listening socket
     * @throws IOException                   if a call fails
     * @throws UnsupportedOperationException if this is not a listening socket of those families
     * @throws IllegalStateException         if this descriptor is closed
     */
    public ServerSocketChannel toServerSocketChannel() throws IOException {
        return SocketBridges.serverSocketChannel(this);
    }

    /**
     * A JDK {@link DatagramChannel} on this {@code AF_INET}/{@code AF_INET6} datagram socket: it owns a
     * duplicate, and is connected to this socket's peer if this socket is connected. The JDK has no
     * {@code AF_UNIX} datagram channel (JEP 380 covers stream sockets only): use {@link UnixChannel}.
     *
     * @return a JDK channel that owns a copy of this socket
     * @throws IOException                   if a call fails
     * @throws UnsupportedOperationException if this is not an inet datagram socket
     * @throws IllegalStateException         if this descriptor is closed
     */
    public DatagramChannel toDatagramChannel() throws IOException {
        return SocketBridges.datagramChannel(this);
    }

    // ---- for the library's own calls ----

    /** Counts a call in flight and returns the number; pair with {@link #endBorrow()}. */
    int borrow() {
        if (!state.acquire()) {
            throw new IllegalStateException("this descriptor is closed");
        }
        return state.fd();
    }

    void endBorrow() {
        state.release();
    }

    private void requireOpen() {
        if (!state.isOpen()) {
            throw new IllegalStateException("this descriptor is closed");
        }
    }

    private static void requireFd(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("a file descriptor must be >= 0, not " + fd);
        }
    }

    /** A close-on-exec copy of {@code fd} ({@code F_DUPFD_CLOEXEC}), the caller's to own. */
    static int dup(int fd) throws ErrnoException {
        Scratch scratch = Scratch.acquire();
        try {
            int copy = FileCalls.fcntl(scratch.capture(), fd, FileCalls.F_DUPFD_CLOEXEC, 0);
            if (copy < 0) {
                throw new ErrnoException("fcntl(F_DUPFD_CLOEXEC)", fd, -copy);
            }
            return copy;
        } finally {
            scratch.release();
        }
    }

    /** Shows the number and what it is, such as {@code Descriptor[fd 7, pipe]}; {@code Descriptor[closed]}. */
    @Override
    public String toString() {
        return isOpen() ? "Descriptor[fd " + state.fd() + ", " + describe() + "]" : "Descriptor[closed]";
    }
}
