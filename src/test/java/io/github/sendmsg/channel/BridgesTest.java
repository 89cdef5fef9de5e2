package io.github.sendmsg.channel;

import io.github.sendmsg.Fds;
import io.github.sendmsg.NoFdLeaks;
import io.github.sendmsg.Posix;
import io.github.sendmsg.SendMsg;
import io.github.sendmsg.UnixAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bridges between {@link Descriptor}s and the JDK's own objects, both ways, on a real file, pipe and
 * sockets. The JDK object must act on <em>that</em> open file description (a shared offset, the same
 * socket), each side must own its own number, and nothing may be left open.
 */
@ExtendWith(NoFdLeaks.class)
class BridgesTest {

    @TempDir
    Path dir;

    private static String ascii(ByteBuffer buffer) {
        buffer.flip();
        return StandardCharsets.US_ASCII.decode(buffer).toString();
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    // ---- descriptor -> JDK object ----

    @Test
    void aFileChannelFromADescriptorSharesItsOffset() throws Exception {
        Path file = dir.resolve("offset.txt");
        Files.writeString(file, "0123456789");
        Descriptor descriptor = Descriptor.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try (FileChannel channel = descriptor.toFileChannel()) {
            assertThat(Posix.read(descriptor.fd(), 3)).as("read through the descriptor").containsExactly('0', '1', '2');
            assertThat(channel.position()).as("the channel sees the descriptor's offset").isEqualTo(3);
            ByteBuffer next = ByteBuffer.allocate(3);
            channel.read(next);
            assertThat(ascii(next)).isEqualTo("345");
            assertThat(new String(Posix.read(descriptor.fd(), 2), StandardCharsets.US_ASCII))
                    .as("the descriptor sees the channel's reads").isEqualTo("67");
            channel.write(bytes("AB"));
            assertThat(channel.size()).isEqualTo(10);
            descriptor.close();
            assertThat(channel.isOpen()).as("the channel owns its own number").isTrue();
            channel.position(0);
            ByteBuffer all = ByteBuffer.allocate(16);
            channel.read(all);
            assertThat(ascii(all)).isEqualTo("01234567AB");
        } finally {
            descriptor.close();
        }
    }

    @Test
    void aReadOnlyDescriptorBecomesAReadOnlyFileChannel() throws Exception {
        Path file = dir.resolve("read-only.txt");
        Files.writeString(file, "data");
        try (Descriptor descriptor = Descriptor.open(file); FileChannel channel = descriptor.toFileChannel()) {
            assertThatThrownBy(() -> channel.write(bytes("x"))).isInstanceOf(NonWritableChannelException.class);
        }
    }

    @Test
    void aPipeIsReadThroughAFileChannelAndWrittenThroughAnOutputStream() throws Exception {
        int[] pipe = Posix.pipe();
        try (Descriptor readEnd = Descriptor.adopt(pipe[0]); Descriptor writeEnd = Descriptor.adopt(pipe[1]);
             FileChannel in = readEnd.toFileChannel(); OutputStream out = writeEnd.toOutputStream()) {
            out.write("through the pipe".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteBuffer buffer = ByteBuffer.allocate(64);
            in.read(buffer);
            assertThat(ascii(buffer)).isEqualTo("through the pipe");
            assertThatThrownBy(in::position).as("a pipe has no position").isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void anInputStreamAndAFileDescriptorReadThePipesRest() throws Exception {
        int[] pipe = Posix.pipe();
        try (Descriptor readEnd = Descriptor.adopt(pipe[0])) {
            Posix.write(pipe[1], "abcdef".getBytes(StandardCharsets.US_ASCII));
            Posix.close(pipe[1]);
            assertThat(Posix.read(readEnd.fd(), 2)).containsExactly('a', 'b');
            try (InputStream in = readEnd.toInputStream()) {
                assertThat(new String(in.readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("cd");
            }
            FileDescriptor jdk = readEnd.toFileDescriptor();
            assertThat(jdk.valid()).isTrue();
            try (FileInputStream in = new FileInputStream(jdk)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).as("to the end: every other copy closed")
                        .isEqualTo("ef");
            }
        }
    }

    @Test
    void aConnectedUnixSocketBecomesAJdkSocketChannel() throws Exception {
        UnixChannel[] pair = UnixChannel.pair();
        try (UnixChannel ours = pair[0]; Descriptor theirs = pair[1].duplicateDescriptor();
             SocketChannel jdk = theirs.toSocketChannel()) {
            pair[1].close();
            ours.write(bytes("hello, JDK"));
            ByteBuffer buffer = ByteBuffer.allocate(32);
            jdk.read(buffer);
            assertThat(ascii(buffer)).isEqualTo("hello, JDK");
            jdk.write(bytes("hello back"));
            ByteBuffer back = ByteBuffer.allocate(32);
            ours.read(back);
            assertThat(ascii(back)).as("the JDK channel writes to the same socket").isEqualTo("hello back");
        }
    }

    @Test
    void aConnectedTcpSocketBecomesAJdkSocketChannel() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept();
             Descriptor descriptor = Descriptor.of(accepted);
             SocketChannel bridged = descriptor.toSocketChannel()) {
            client.write(bytes("tcp"));
            ByteBuffer buffer = ByteBuffer.allocate(8);
            bridged.read(buffer);
            assertThat(ascii(buffer)).isEqualTo("tcp");
        }
    }

    @Test
    void aListeningSocketMadeElsewhereIsServedByAJdkServerSocketChannelOnAVirtualThread() throws Exception {
        Path path = dir.resolve("listener.sock");
        try (UnixServerChannel listener = UnixServerChannel.bind(UnixAddress.of(path));
             Descriptor descriptor = listener.duplicateDescriptor();
             ServerSocketChannel jdk = descriptor.toServerSocketChannel();
             var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel connection = jdk.accept()) {
                    ByteBuffer buffer = ByteBuffer.allocate(32);
                    connection.read(buffer);
                    connection.write(bytes("served: " + ascii(buffer)));
                    return "ok";
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, executor);
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                client.write(bytes("request"));
                ByteBuffer reply = ByteBuffer.allocate(32);
                client.read(reply);
                assertThat(ascii(reply)).isEqualTo("served: request");
            }
            assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        }
    }

    @Test
    void aTcpListenerBecomesAJdkServerSocketChannel() throws Exception {
        try (ServerSocketChannel original = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             Descriptor descriptor = Descriptor.of(original);
             ServerSocketChannel bridged = descriptor.toServerSocketChannel()) {
            InetSocketAddress address = (InetSocketAddress) original.getLocalAddress();
            assertThat(Posix.localAddress(descriptor.fd())).as("the descriptor is the original listener").isEqualTo(address);
            try (SocketChannel client = SocketChannel.open(address); SocketChannel accepted = bridged.accept()) {
                client.write(bytes("!"));
                ByteBuffer buffer = ByteBuffer.allocate(4);
                accepted.read(buffer);
                assertThat(ascii(buffer)).isEqualTo("!");
            }
        }
    }

    @Test
    void aUdpSocketBecomesAJdkDatagramChannelConnectedAsItWas() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (DatagramChannel peer = DatagramChannel.open(StandardProtocolFamily.INET).bind(loopback);
             DatagramChannel original = DatagramChannel.open(StandardProtocolFamily.INET).bind(loopback)) {
            original.connect(peer.getLocalAddress());
            try (Descriptor descriptor = Descriptor.of(original); DatagramChannel bridged = descriptor.toDatagramChannel()) {
                assertThat(bridged.isConnected()).isTrue();
                assertThat(bridged.getRemoteAddress()).isEqualTo(peer.getLocalAddress());
                bridged.write(bytes("dgram"));
                ByteBuffer buffer = ByteBuffer.allocate(8);
                assertThat(peer.receive(buffer)).as("from the original socket's address").isEqualTo(original.getLocalAddress());
                assertThat(ascii(buffer)).isEqualTo("dgram");
            }
        }
    }

    @Test
    void conversionsThatCannotBeMadeSayWhy() throws Exception {
        int[] datagrams = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        int[] records = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_SEQPACKET);
        UnixChannel[] channels = UnixChannel.pair();
        List<Descriptor> all = new ArrayList<>();
        try {
            Descriptor unixDatagram = add(all, Descriptor.adopt(datagrams[0]));
            Descriptor seqpacket = add(all, Descriptor.adopt(records[0]));
            Descriptor directory = add(all, Descriptor.open(dir));
            Descriptor stream = add(all, channels[0].duplicateDescriptor());
            assertThatThrownBy(unixDatagram::toDatagramChannel).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("no AF_UNIX DatagramChannel");
            assertThatThrownBy(seqpacket::toSocketChannel).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("no SOCK_SEQPACKET channel");
            assertThatThrownBy(directory::toFileChannel).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("directory");
            assertThatThrownBy(stream::toFileChannel).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("toSocketChannel()");
            assertThatThrownBy(stream::toServerSocketChannel).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("listening");
            try (ServerSocketChannel unbound = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                assertThatThrownBy(() -> Descriptor.of(unbound)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("bind it first");
            }
            int[] pipe = Posix.pipe();
            try (FileInputStream fifoLike = new FileInputStream("/proc/self/fd/" + pipe[0])) {
                assertThatThrownBy(() -> Descriptor.of(fifoLike.getChannel())).isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("no position");
            } finally {
                Fds.closeAll(pipe);
            }
        } finally {
            all.forEach(Descriptor::close);
            Fds.closeAll(datagrams[1], records[1]);
            channels[0].close();
            channels[1].close();
        }
    }

    private static Descriptor add(List<Descriptor> all, Descriptor descriptor) {
        all.add(descriptor);
        return descriptor;
    }

    // ---- JDK object -> descriptor ----

    @Test
    void aFileChannelsDescriptorSharesItsPositionAndTheChannelStaysTheJdks() throws Exception {
        Path file = dir.resolve("channel.txt");
        Files.writeString(file, "0123456789");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(4);
            try (Descriptor descriptor = Descriptor.of(channel)) {
                assertThat(channel.position()).as("the position is restored after the search").isEqualTo(4);
                assertThat(new String(Posix.read(descriptor.fd(), 3), StandardCharsets.US_ASCII)).isEqualTo("456");
                assertThat(channel.position()).as("one open file description: one offset").isEqualTo(7);
            }
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Test
    void streamsAndFileDescriptorsGiveTheirDescriptors() throws Exception {
        Path file = dir.resolve("streams.txt");
        Files.writeString(file, "abcdef");
        try (FileInputStream in = new FileInputStream(file.toFile()); Descriptor descriptor = Descriptor.of(in)) {
            assertThat(in.read()).isEqualTo('a');
            assertThat(new String(Posix.read(descriptor.fd(), 2), StandardCharsets.US_ASCII)).isEqualTo("bc");
            assertThat(in.read()).isEqualTo('d');
        }
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true); Descriptor descriptor = Descriptor.of(out)) {
            Posix.write(descriptor.fd(), "+".getBytes(StandardCharsets.US_ASCII));
            out.write('!');
        }
        assertThat(Files.readString(file)).isEqualTo("abcdef+!");
        try (Descriptor standardError = Descriptor.of(FileDescriptor.err)) {
            assertThat(Fds.target(standardError.fd())).as("a copy of fd 2").isEqualTo(Fds.target(2));
        }
    }

    @Test
    void aJdkUnixClientIsFoundAmongClientsThatShareItsAddresses() throws Exception {
        Path path = dir.resolve("clients.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(path));
             SocketChannel first = SocketChannel.open(UnixDomainSocketAddress.of(path));
             SocketChannel second = SocketChannel.open(UnixDomainSocketAddress.of(path));
             SocketChannel firstAccepted = server.accept();
             SocketChannel secondAccepted = server.accept()) {
            // Both clients are unnamed and connected to the same path: only SO_LINGER tells them apart.
            assertThat(first.isConnected() && second.isConnected()).isTrue();
            try (Descriptor descriptor = Descriptor.of(second)) {
                Posix.write(descriptor.fd(), "second".getBytes(StandardCharsets.US_ASCII));
                ByteBuffer atFirst = ByteBuffer.allocate(16);
                ByteBuffer atSecond = ByteBuffer.allocate(16);
                secondAccepted.read(atSecond);
                firstAccepted.configureBlocking(false);
                firstAccepted.read(atFirst);
                assertThat(ascii(atSecond)).as("the bytes came out of the second client's connection").isEqualTo("second");
                assertThat(ascii(atFirst)).isEmpty();
                assertThat(second.getOption(java.net.StandardSocketOptions.SO_LINGER)).as("SO_LINGER restored").isEqualTo(-1);
            }
        }
    }

    @Test
    void aListenerHandedToAnotherChannelAcceptsWhatTheOriginalWouldHave() throws Exception {
        Path path = dir.resolve("handoff.sock");
        try (ServerSocketChannel jdk = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(path));
             UnixServerChannel adopted = UnixServerChannel.adopt(Descriptor.of(jdk))) {
            try (UnixChannel client = UnixChannel.connect(UnixAddress.of(path)); UnixChannel served = adopted.accept()) {
                client.write(bytes("via the adopted listener"));
                ByteBuffer buffer = ByteBuffer.allocate(64);
                served.read(buffer);
                assertThat(ascii(buffer)).isEqualTo("via the adopted listener");
            }
        }
    }
}
