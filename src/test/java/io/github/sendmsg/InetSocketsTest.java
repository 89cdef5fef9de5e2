package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Descriptors cannot travel over TCP or UDP (edge case 30, see docs/edge-cases.md): the kernel takes
 * {@code SCM_RIGHTS} on an {@code AF_INET} socket without a word, sends the bytes, and passes no
 * descriptor. On a connected socket the library cannot see the family without a syscall on every send,
 * so it leaves the answer to the kernel, and these tests show what a caller gets: the bytes, no
 * ancillary data, nothing installed. (Given an inet destination, it refuses them: {@code HintsTest}.)
 *
 * <p>The sockets are the JDK's own channels, connected on the loopback interface; their descriptor
 * numbers, which the JDK does not expose, are found through {@code /proc/self/net/tcp} (or
 * {@code udp}) and {@code /proc/self/fd}.
 */
@ExtendWith(NoFdLeaks.class)
class InetSocketsTest {

    private final List<Integer> toClose = new ArrayList<>();

    @AfterEach
    void close() {
        toClose.forEach(Fds::closeAll);
    }

    // edge case 30
    @Test
    void descriptorsSentOverAConnectedTcpSocketAreIgnoredAndOnlyTheBytesArrive() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET).bind(loopback);
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET)) {
            client.connect(server.getLocalAddress());
            try (SocketChannel accepted = server.accept()) {
                int sender = descriptorOf("tcp", client.getLocalAddress(), client.getRemoteAddress());
                int receiver = descriptorOf("tcp", accepted.getLocalAddress(), accepted.getRemoteAddress());
                assertIgnored(sender, receiver);
            }
        }
    }

    // edge case 30
    @Test
    void descriptorsSentOverAConnectedUdpSocketAreIgnoredAndOnlyTheBytesArrive() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (DatagramChannel to = DatagramChannel.open(StandardProtocolFamily.INET).bind(loopback);
             DatagramChannel from = DatagramChannel.open(StandardProtocolFamily.INET).bind(loopback)) {
            from.connect(to.getLocalAddress());
            int sender = descriptorOf("udp", from.getLocalAddress(), from.getRemoteAddress());
            int receiver = descriptorOf("udp", to.getLocalAddress(), null);
            assertIgnored(sender, receiver);
        }
    }

    private void assertIgnored(int sender, int receiver) throws ErrnoException {
        assertThat(SendMsg.getSocketFamily(sender)).as("the sender is an AF_INET socket").isEqualTo(SendMsg.AF_INET);
        int[] pipe = Fds.pipeReadEnds(1, toClose);
        int before = Fds.openCount();

        int sent = SendMsg.send1msg(sender, new byte[] {'x'}, 0, List.of(ControlMessage.rights(pipe[0])));
        ReceivedMessage received = SendMsg.recv1msg(receiver, 16);

        assertThat(sent).as("the kernel takes the byte and says nothing of the descriptor").isEqualTo(1);
        assertThat(received.data()).containsExactly('x');
        assertThat(received.ancillary()).as("no descriptor crosses an AF_INET socket").isEmpty();
        assertThat(received.isControlTruncated()).isFalse();
        assertThat(Fds.openCount()).as("nothing was installed").isEqualTo(before);
    }

    /**
     * The descriptor of this process's socket with the given local and remote IPv4 addresses (remote
     * null: unconnected), from the socket's inode in {@code /proc/self/net/<table>}.
     */
    private static int descriptorOf(String table, SocketAddress local, SocketAddress remote) throws IOException {
        String localColumn = column((InetSocketAddress) local);
        String remoteColumn = remote == null ? "00000000:0000" : column((InetSocketAddress) remote);
        String inode = null;
        for (String line : Files.readAllLines(Path.of("/proc/self/net", table))) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 9 && fields[1].equals(localColumn) && fields[2].equals(remoteColumn)) {
                inode = fields[9];
            }
        }
        assertThat(inode).as("a %s socket %s -> %s in /proc/self/net/%s", table, local, remote, table).isNotNull();
        String target = "socket:[" + inode + "]";
        for (Map.Entry<Integer, String> open : Fds.open().entrySet()) {
            if (open.getValue().equals(target)) {
                return open.getKey();
            }
        }
        throw new AssertionError("no descriptor of this process refers to " + target);
    }

    /** An IPv4 address as the kernel's tables write it: the address's bytes reversed, in hex, and the port. */
    private static String column(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        return String.format(Locale.ROOT, "%02X%02X%02X%02X:%04X", ip[3], ip[2], ip[1], ip[0], address.getPort());
    }
}
