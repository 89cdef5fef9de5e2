package io.github.sendmsg;

import io.github.sendmsg.channel.UnixChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The common mistakes get an answer that says what went wrong and what to do: errors name the
 * descriptor they were raised on, descriptors addressed to an inet socket are refused instead of
 * vanishing, a receive into no room on a stream is refused instead of reading as end of stream, and a
 * failed {@code bind}/{@code connect} says the likely cause.
 */
@ExtendWith(NoFdLeaks.class)
class HintsTest {

    private final List<Integer> toClose = new ArrayList<>();

    @AfterEach
    void close() {
        toClose.forEach(Fds::closeAll);
    }

    private int[] pair(int type) throws ErrnoException {
        int[] pair = Posix.socketpair(SendMsg.AF_UNIX, type);
        toClose.add(pair[0]);
        toClose.add(pair[1]);
        return pair;
    }

    private int socket(int family, int type) throws ErrnoException {
        int fd = Posix.socket(family, type);
        toClose.add(fd);
        return fd;
    }

    @Test
    void anErrorNamesTheCallTheDescriptorAndTheErrno() throws ErrnoException {
        int[] pair = pair(SendMsg.SOCK_STREAM);
        Posix.close(pair[1]);
        toClose.remove(Integer.valueOf(pair[1]));

        assertThatThrownBy(() -> SendMsg.recv1msg(pair[1]))
                .isInstanceOfSatisfying(ErrnoException.class, e -> {
                    assertThat(e.fd()).isEqualTo(pair[1]);
                    assertThat(e.call()).isEqualTo("recvmsg");
                    assertThat(e.errnoName()).isEqualTo("EBADF");
                })
                .hasMessage("recvmsg(fd " + pair[1] + ") failed: EBADF (errno 9, Bad file descriptor)");
    }

    @Test
    void descriptorsAddressedToAnInetSocketAreRefusedBeforeTheKernelDropsThemSilently() throws Exception {
        int udp = socket(SendMsg.AF_INET, SendMsg.SOCK_DGRAM);
        int receiver = socket(SendMsg.AF_INET, SendMsg.SOCK_DGRAM);
        Posix.bindTo(receiver, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress to = (InetSocketAddress) Posix.localAddress(receiver);
        int[] pipe = Fds.pipeReadEnds(1, toClose);
        ByteBuffer[] data = {ByteBuffer.wrap(new byte[] {'x'})};

        assertThatThrownBy(() -> SendMsg.sendto(udp, data, List.of(ControlMessage.rights(pipe[0])), 0, to))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SCM_RIGHTS travels only over AF_UNIX sockets")
                .hasMessageContaining("silently drop");
        assertThat(data[0].position()).as("nothing was sent").isZero();

        try (Arena arena = Arena.ofConfined();
             NativeMessage message = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(Integer.BYTES))) {
            MemorySegment y = arena.allocate(1).fill((byte) 'y');
            message.setBuffer(y).setDestination(to).addRights(pipe[0]);
            assertThatThrownBy(() -> message.send(udp, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SCM_RIGHTS travels only over AF_UNIX sockets");

            // Without the descriptors, the same message is an ordinary datagram.
            assertThat(message.clearControl().send(udp, 0)).isEqualTo(1);
        }
        assertThat(SendMsg.recv1msg(receiver, 16).data()).containsExactly('y');
    }

    @Test
    void aReceiveIntoNoRoomOnAStreamIsRefusedAndLeavesTheMessageQueued() throws ErrnoException {
        int[] pair = pair(SendMsg.SOCK_STREAM);
        int[] pipe = Fds.pipeReadEnds(1, toClose);
        SendMsg.send1msg(pair[0], new byte[] {'x'}, 0, List.of(ControlMessage.rights(pipe[0])));

        assertThatThrownBy(() -> SendMsg.recv1msg(pair[1], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads as end of stream")
                .hasMessageContaining("receive at least 1 byte");
        assertThatThrownBy(() -> SendMsg.recvmsg(pair[1], new ByteBuffer[] {ByteBuffer.allocate(0)}, 16, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no room");
        try (Arena arena = Arena.ofConfined();
             NativeMessage message = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(Integer.BYTES))) {
            message.setBuffer(arena.allocate(0));
            assertThatThrownBy(() -> message.receive(pair[1], 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no room");
        }

        ReceivedMessage received = SendMsg.recv1msg(pair[1], 16);
        assertThat(received.data()).as("the byte stayed queued").containsExactly('x');
        assertThat(received.fileDescriptors()).as("and its descriptor with it").hasSize(1);
        Fds.closeAll(received.fileDescriptors());
    }

    @Test
    void aChannelRefusesANativeMessageWithNoRoomOnAStream() throws Exception {
        UnixChannel[] channels = UnixChannel.pair();
        try (UnixChannel a = channels[0]; UnixChannel b = channels[1];
             Arena arena = Arena.ofConfined();
             NativeMessage message = NativeMessage.allocate(1, 0)) {
            a.write(ByteBuffer.wrap(new byte[] {'x'}));
            message.setBuffer(arena.allocate(0));
            assertThatThrownBy(() -> b.receive(message))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reads as end of stream");
            assertThat(b.read(ByteBuffer.allocate(4))).as("the byte is still there").isEqualTo(1);
        }
    }

    @Test
    void noRoomOnADatagramSocketIsAllowedAndReportsTheCut() throws ErrnoException {
        int[] pair = pair(SendMsg.SOCK_DGRAM);
        SendMsg.send1msg(pair[0], new byte[] {'a', 'b', 'c'}, 0);

        ReceivedMessage received = SendMsg.recv1msg(pair[1], 0);

        assertThat(received.data()).isEmpty();
        assertThat(received.flags() & SendMsg.MSG_TRUNC).as("the datagram was cut to fit no room").isNotZero();
    }

    @Test
    void connectingToSomethingThatIsNotAPathSaysSo() throws ErrnoException {
        int fd = socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);

        assertThatThrownBy(() -> Posix.connect(fd, "localhost:8080"))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"))
                .hasMessageContaining("connect(fd " + fd + ") failed: ENOENT")
                .hasMessageContaining("relative to the working directory")
                .hasMessageContaining("looks like host:port");
        assertThatThrownBy(() -> Posix.connectTo(fd, new InetSocketAddress(InetAddress.getLoopbackAddress(), 80)))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("EINVAL"))
                .hasMessageContaining("not of the socket's family");
        assertThatThrownBy(() -> UnixChannel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 80)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the inet address");
    }

    @Test
    void aStaleSocketFileIsNamedAsTheLikelyCause(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("app.sock");
        int server = socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        Posix.bind(server, path.toString());
        // Bound but not listening: what a socket file left by an exited server looks like to a client.
        int client = socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        assertThatThrownBy(() -> Posix.connect(client, path.toString()))
                .hasMessageContaining("ECONNREFUSED")
                .hasMessageContaining("nothing listens on " + path);

        int second = socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        assertThatThrownBy(() -> Posix.bind(second, path.toString()))
                .hasMessageContaining("EADDRINUSE")
                .hasMessageContaining("delete a stale one");
        assertThatThrownBy(() -> Posix.bind(server, dir.resolve("other.sock").toString()))
                .hasMessageContaining("EINVAL")
                .hasMessageContaining("bound already");

        Path data = Files.writeString(dir.resolve("data.txt"), "keep me");
        int third = socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        assertThatThrownBy(() -> Posix.bind(third, data.toString())).as("a regular file in the way")
                .hasMessageContaining("EADDRINUSE")
                .hasMessageContaining("is not a socket")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("delete"));

        Files.delete(path);
        assertThatThrownBy(() -> UnixChannel.connect(UnixAddress.of(path.toString())))
                .hasMessageContaining("ENOENT")
                .hasMessageContaining("no socket at " + path);
    }
}
