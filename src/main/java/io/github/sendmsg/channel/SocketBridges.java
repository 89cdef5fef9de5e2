package io.github.sendmsg.channel;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.Errno;
import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.SocketAddresses;
import io.github.sendmsg.internal.SocketCalls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bridges between {@link Descriptor}s and the JDK's socket channels ({@link SocketChannel},
 * {@link ServerSocketChannel}, {@link DatagramChannel}).
 *
 * <p><b>Descriptor to JDK object.</b> Open a JDK channel of the socket's family on a throwaway target (a
 * listener bound to a fresh address, and a connection to it), find its number by that address among
 * this process's sockets, and make the number refer to a copy of the descriptor with {@code dup3(2)},
 * which closes the throwaway in the same step. The channel keeps what it cached of the throwaway: its
 * addresses.
 *
 * <p><b>JDK object to descriptor.</b> Find the channel's number among this process's sockets by its
 * addresses ({@code getsockname}, {@code getpeername}); where several share them (the clients of one
 * {@code AF_UNIX} server are all unnamed), by its {@code SO_LINGER}, set to unique values and restored.
 * Then copy it.
 */
final class SocketBridges {

    private SocketBridges() {
    }

    static SocketChannel socketChannel(Descriptor descriptor) throws IOException {
        int fd = descriptor.borrow();
        try {
            int family = requireSocket(descriptor, Constants.SOCK_STREAM, false, "a SocketChannel");
            if (peer(fd) == Peer.NOT_CONNECTED) {
                throw new UnsupportedOperationException("this socket is not connected: a JDK SocketChannel on it would be"
                        + " of no use (connect it, or use UnixChannel)");
            }
            try (ServerSocketChannel server = throwawayServer(family)) {
                SocketAddress serverAddress = server.getLocalAddress();
                SocketChannel client = SocketChannel.open(serverAddress);
                SocketChannel accepted = server.accept();   // the throwaway's other end, closed below
                try {
                    int target = family == Constants.AF_UNIX
                            ? onlySocket(candidate -> equal(serverAddress, address(candidate, true)), "the throwaway client")
                            : onlySocket(candidate -> equal(client.getLocalAddress(), address(candidate, false)), "the throwaway client");
                    OpenDescriptors.replace(fd, target);
                    return client;
                } catch (IOException | RuntimeException e) {
                    client.close();
                    throw e;
                } finally {
                    accepted.close();
                    deleteSocketFile(serverAddress);
                }
            }
        } finally {
            descriptor.endBorrow();
        }
    }

    static ServerSocketChannel serverSocketChannel(Descriptor descriptor) throws IOException {
        int fd = descriptor.borrow();
        try {
            int family = requireSocket(descriptor, Constants.SOCK_STREAM, true, "a ServerSocketChannel");
            ServerSocketChannel server = throwawayServer(family);
            SocketAddress address = server.getLocalAddress();
            try {
                OpenDescriptors.replace(fd, onlySocket(candidate -> equal(address, address(candidate, false)), "the throwaway listener"));
                return server;
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            } finally {
                deleteSocketFile(address);
            }
        } finally {
            descriptor.endBorrow();
        }
    }

    static DatagramChannel datagramChannel(Descriptor descriptor) throws IOException {
        int fd = descriptor.borrow();
        try {
            int family = requireSocket(descriptor, Constants.SOCK_DGRAM, false, "a DatagramChannel");
            if (family == Constants.AF_UNIX) {
                throw new UnsupportedOperationException("the JDK has no AF_UNIX DatagramChannel (JEP 380 covers stream"
                        + " sockets only): use UnixChannel.adopt(descriptor)");
            }
            DatagramChannel channel = DatagramChannel.open(family == Constants.AF_INET ? StandardProtocolFamily.INET
                    : StandardProtocolFamily.INET6);
            try {
                channel.bind(new InetSocketAddress(loopback(family), 0));
                SocketAddress peer = inetPeer(fd);
                if (peer != null) {
                    channel.connect(peer);   // so the JDK knows it is connected, and to whom
                }
                SocketAddress local = channel.getLocalAddress();
                OpenDescriptors.replace(fd, onlySocket(candidate -> equal(local, address(candidate, false)), "the throwaway datagram socket"));
                return channel;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } finally {
            descriptor.endBorrow();
        }
    }

    private static int requireSocket(Descriptor descriptor, int type, boolean listening, String what) throws ErrnoException {
        if (descriptor.kind() != Descriptor.Kind.SOCKET) {
            throw new UnsupportedOperationException("only a socket can become " + what + "; this is a " + descriptor.describe());
        }
        int family = descriptor.socketFamily();
        if (family != Constants.AF_UNIX && family != Constants.AF_INET && family != Constants.AF_INET6) {
            throw new UnsupportedOperationException("the JDK has channels for AF_UNIX, AF_INET and AF_INET6 sockets only;"
                    + " this is a " + descriptor.describe());
        }
        if (descriptor.socketType() != type || descriptor.isListening() != listening) {
            throw new UnsupportedOperationException(what + " needs a " + (listening ? "listening " : "") + Names.type(type)
                    + " socket; this is a " + descriptor.describe()
                    + (listening ? "" : descriptor.socketType() == Constants.SOCK_SEQPACKET ? " (the JDK has no SOCK_SEQPACKET"
                    + " channel: use UnixChannel)" : ""));
        }
        return family;
    }

    private static ServerSocketChannel throwawayServer(int family) throws IOException {
        if (family == Constants.AF_UNIX) {
            return ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(null);   // a fresh path of the JDK's choosing
        }
        return ServerSocketChannel.open(family == Constants.AF_INET ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6)
                .bind(new InetSocketAddress(loopback(family), 0));
    }

    private static InetAddress loopback(int family) throws IOException {
        return InetAddress.getByName(family == Constants.AF_INET ? "127.0.0.1" : "::1");
    }

    private static void deleteSocketFile(SocketAddress address) throws IOException {
        if (address instanceof UnixDomainSocketAddress unix && !unix.getPath().toString().isEmpty()) {
            Files.deleteIfExists(unix.getPath());
        }
    }

    static int numberOf(ServerSocketChannel channel) throws IOException {
        SocketAddress local = channel.getLocalAddress();
        if (local == null) {
            throw new IllegalStateException("the ServerSocketChannel is not bound: bind it first");
        }
        return OpenDescriptors.duplicate(onlySocket(fd -> listening(fd) && equal(local, address(fd, false)), "the ServerSocketChannel bound to " + local));
    }

    static int numberOf(DatagramChannel channel) throws IOException {
        SocketAddress local = channel.getLocalAddress();
        if (local == null) {
            throw new IllegalStateException("the DatagramChannel is not bound: bind it first (to port 0 for any)");
        }
        SocketAddress remote = channel.getRemoteAddress();
        return OpenDescriptors.duplicate(onlySocket(fd -> equal(local, address(fd, false)) && (remote == null || equal(remote, address(fd, true))),
                "the DatagramChannel bound to " + local));
    }

    static int numberOf(SocketChannel channel) throws IOException {
        SocketAddress local = channel.getLocalAddress();
        SocketAddress remote = channel.getRemoteAddress();
        Map<Long, Integer> matching = sockets(fd -> !listening(fd)
                && (local == null || equal(local, address(fd, false)))
                && (remote == null || equal(remote, address(fd, true))));
        if (matching.size() > 1) {
            matching = byLinger(channel, matching);
        }
        if (matching.size() != 1) {
            throw new UnsupportedOperationException((matching.isEmpty() ? "no" : matching.size()) + " sockets of this process"
                    + " match the SocketChannel " + local + " -> " + remote + ": its descriptor cannot be told");
        }
        return OpenDescriptors.duplicate(matching.values().iterator().next());
    }

    /**
     * Narrows sockets that share a channel's addresses (clients of one {@code AF_UNIX} server are all
     * unnamed) to the one whose {@code SO_LINGER} follows what is set on the channel, twice.
     */
    private static Map<Long, Integer> byLinger(SocketChannel channel, Map<Long, Integer> candidates) throws IOException {
        Integer original = channel.getOption(StandardSocketOptions.SO_LINGER);
        try {
            Map<Long, Integer> left = new LinkedHashMap<>(candidates);
            for (int round = 0; round < 2 && left.size() > 1; round++) {
                int marker = 1 + ThreadLocalRandom.current().nextInt(65_000);
                channel.setOption(StandardSocketOptions.SO_LINGER, marker);
                left.values().removeIf(fd -> lingerOf(fd) != marker);
            }
            return left;
        } finally {
            channel.setOption(StandardSocketOptions.SO_LINGER, original);
        }
    }

    @FunctionalInterface
    private interface SocketTest {
        boolean test(int fd) throws IOException;
    }

    /** The sockets of this process that pass {@code test}, one number per socket (by inode). */
    private static Map<Long, Integer> sockets(SocketTest test) throws IOException {
        Map<Long, Integer> found = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> entry : OpenDescriptors.openDescriptors().entrySet()) {
            String target = entry.getValue();
            if (target.startsWith("socket:[") && test.test(entry.getKey())) {
                found.putIfAbsent(Long.parseLong(target.substring(8, target.length() - 1)), entry.getKey());
            }
        }
        return found;
    }

    private static int onlySocket(SocketTest test, String what) throws IOException {
        Map<Long, Integer> found = sockets(test);
        if (found.size() != 1) {
            throw new UnsupportedOperationException(found.isEmpty() ? "no socket of this process is " + what
                    : found.size() + " sockets of this process match " + what + " (SO_REUSEPORT?): its descriptor cannot be told");
        }
        return found.values().iterator().next();
    }

    private enum Peer { CONNECTED, NOT_CONNECTED }

    private static Peer peer(int fd) {
        Scratch scratch = Scratch.acquire();
        try {
            int length = SocketCalls.address(scratch, fd, true);
            return length < 0 && -length == Errno.ENOTCONN ? Peer.NOT_CONNECTED : Peer.CONNECTED;
        } finally {
            scratch.release();
        }
    }

    /** A socket's own address ({@code peer} false) or its peer's, decoded; null if there is none. */
    private static Object address(int fd, boolean peer) {
        Scratch scratch = Scratch.acquire();
        try {
            int length = SocketCalls.address(scratch, fd, peer);
            if (length < 0) {
                return null;
            }
            int family = SocketAddresses.family(scratch.small(), length);
            if (family == Constants.AF_UNIX) {
                byte[] name = SocketAddresses.decodeUnix(scratch.small(), length);
                return name == null ? new byte[0] : name;
            }
            return SocketAddresses.decodeInet(scratch.small(), length);
        } finally {
            scratch.release();
        }
    }

    /** A JDK address against a decoded one: an AF_UNIX name by its bytes, an inet address by value. */
    private static boolean equal(SocketAddress jdk, Object decoded) {
        if (jdk instanceof UnixDomainSocketAddress unix) {
            return decoded instanceof byte[] bytes && Arrays.equals(unix.getPath().toString().getBytes(OpenDescriptors.PATH_CHARSET), bytes);
        }
        return jdk instanceof InetSocketAddress inet && decoded instanceof InetSocketAddress other
                && inet.getPort() == other.getPort() && inet.getAddress().equals(other.getAddress());
    }

    private static boolean listening(int fd) {
        Scratch scratch = Scratch.acquire();
        try {
            return SocketCalls.intOption(scratch, fd, Constants.SOL_SOCKET, Constants.SO_ACCEPTCONN) == 1;
        } finally {
            scratch.release();
        }
    }

    private static int lingerOf(int fd) {
        Scratch scratch = Scratch.acquire();
        try {
            return SocketCalls.linger(scratch, fd);
        } finally {
            scratch.release();
        }
    }

    /** A datagram socket's peer, or null if it is not connected. */
    private static SocketAddress inetPeer(int fd) {
        return address(fd, true) instanceof InetSocketAddress inet ? inet : null;
    }
}
