package io.github.sendmsg.channel;

import io.github.sendmsg.ControlMessage;
import io.github.sendmsg.Fds;
import io.github.sendmsg.NativeMessage;
import io.github.sendmsg.NoFdLeaks;
import io.github.sendmsg.Posix;
import io.github.sendmsg.SendMsg;
import io.github.sendmsg.UnixAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link UnixChannel}: bytes and the descriptors that came with them, Twisted's transport rules
 * (docs/edge-cases.md row 32: a descriptor with no byte is an error; several descriptors in one and in
 * two control messages; descriptors before their bytes; a reader that does not want descriptors closes
 * them; nothing leaks), every socket type, and waiting with timeouts, interruption and close.
 */
@ExtendWith(NoFdLeaks.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnixChannelTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private UnixChannel[] pair(UnixChannel.Type type) throws Exception {
        UnixChannel[] pair = UnixChannel.pair(type);
        closing(pair[0]);
        closing(pair[1]);
        return pair;
    }

    private Descriptor pipeReadEnd() throws Exception {
        int[] pipe = Posix.pipe();
        closing(Descriptor.adopt(pipe[1]));
        return closing(Descriptor.adopt(pipe[0]));
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String ascii(ByteBuffer buffer) {
        buffer.flip();
        return StandardCharsets.US_ASCII.decode(buffer).toString();
    }

    // ---- Twisted's transport rules ----

    @Test
    void aDescriptorWithNoByteIsRefusedOnAStream() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        Descriptor fd = pipeReadEnd();
        assertThatThrownBy(() -> pair[0].write(ByteBuffer.allocate(0), fd)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one byte");
        pair[0].setTimeout(Duration.ofMillis(50));
        pair[1].setTimeout(Duration.ofMillis(50));
        assertThatThrownBy(() -> pair[1].read(ByteBuffer.allocate(4))).as("nothing was sent")
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void severalDescriptorsInOneMessageArriveWithTheirByteInOrder() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        Descriptor a = pipeReadEnd();
        Descriptor b = pipeReadEnd();
        Descriptor c = pipeReadEnd();
        int before = Fds.openCount();
        pair[0].write(bytes("x"), a, b, c);
        try (Received received = pair[1].receive(ByteBuffer.allocate(8), 3)) {
            assertThat(received.bytes()).isEqualTo(1);
            assertThat(received.descriptors()).extracting(d -> Fds.target(d.fd()))
                    .as("the same pipes, in order").containsExactly(Fds.target(a.fd()), Fds.target(b.fd()), Fds.target(c.fd()));
            assertThat(received.descriptors()).allMatch(d -> Fds.isCloseOnExec(d.fd()));
            assertThat(Fds.openCount()).isEqualTo(before + 3);
        }
        assertThat(Fds.openCount()).as("closing the result closed its descriptors").isEqualTo(before);
        assertThat(a.isOpen() && b.isOpen() && c.isOpen()).as("sending borrowed them").isTrue();
    }

    @Test
    void descriptorsInTwoControlMessagesOfOneSendArriveTogether() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        Descriptor a = pipeReadEnd();
        Descriptor b = pipeReadEnd();
        try (Descriptor raw = pair[0].duplicateDescriptor()) {
            SendMsg.send1msg(raw.fd(), new byte[] {'y'}, 0,
                    List.of(ControlMessage.rights(a.fd()), ControlMessage.rights(b.fd())));
        }
        try (Received received = pair[1].receive(ByteBuffer.allocate(8), 10)) {
            assertThat(received.descriptors()).extracting(d -> Fds.target(d.fd()))
                    .containsExactly(Fds.target(a.fd()), Fds.target(b.fd()));
        }
    }

    @Test
    void descriptorsArriveWithTheFirstByteOfTheirWriteAndNeverAfter() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        Descriptor a = pipeReadEnd();
        pair[0].write(bytes("plain "));
        pair[0].write(bytes("carrying"), a);
        pair[0].write(bytes(" after"));
        // A one-byte reader gets the descriptor with its first byte of the carrying write, not later.
        StringBuilder seen = new StringBuilder();
        List<String> descriptorAt = new ArrayList<>();
        while (seen.length() < "plain carrying after".length()) {
            ByteBuffer one = ByteBuffer.allocate(1);
            try (Received received = pair[1].receive(one, 1)) {
                seen.append(ascii(one));
                if (!received.descriptors().isEmpty()) {
                    descriptorAt.add(seen.toString());
                }
            }
        }
        assertThat(seen.toString()).isEqualTo("plain carrying after");
        assertThat(descriptorAt).as("the descriptor came with the 'c' of 'carrying'").containsExactly("plain c");
    }

    @Test
    void aReaderThatDoesNotAskForDescriptorsClosesThemAndCountsThem() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        Descriptor a = pipeReadEnd();
        Descriptor b = pipeReadEnd();
        int before = Fds.openCount();
        pair[0].write(bytes("data"), a, b);
        ByteBuffer buffer = ByteBuffer.allocate(16);
        assertThat(pair[1].read(buffer)).isEqualTo(4);
        assertThat(ascii(buffer)).isEqualTo("data");
        assertThat(pair[1].discardedDescriptors()).isEqualTo(2);
        assertThat(Fds.openCount()).as("nothing the reader did not ask for stayed open").isEqualTo(before);
    }

    @Test
    void descriptorsBeyondWhatTheReaderAskedForAreClosedAndTheReaderIsTold() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        Descriptor[] five = new Descriptor[5];
        for (int i = 0; i < 5; i++) {
            five[i] = pipeReadEnd();
        }
        int before = Fds.openCount();
        pair[0].write(bytes("z"), five);
        try (Received received = pair[1].receive(ByteBuffer.allocate(4), 2)) {
            assertThat(received.descriptors()).hasSize(2);
            assertThat(received.surplus()).isEqualTo(3);
            assertThat(Fds.openCount()).as("the surplus three were closed").isEqualTo(before + 2);
        }
        assertThat(pair[1].discardedDescriptors()).isEqualTo(3);
    }

    @Test
    void writeAndCloseMovesTheDescriptorsToTheReceiver() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        int[] pipe = Posix.pipe();
        closing(Descriptor.adopt(pipe[1]));
        Descriptor moved = Descriptor.adopt(pipe[0]);
        pair[0].writeAndClose(bytes("m"), moved);
        assertThat(moved.isOpen()).as("ours was closed once sent").isFalse();
        try (Received received = pair[1].receive(ByteBuffer.allocate(4), 1)) {
            assertThat(Fds.target(received.descriptor().fd())).isEqualTo(Fds.target(pipe[1]));
        }
    }

    @Test
    void aClosedDescriptorIsRefusedAndNothingIsSent() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        Descriptor gone = pipeReadEnd();
        gone.close();
        assertThatThrownBy(() -> pair[0].write(bytes("q"), gone)).isInstanceOf(IllegalStateException.class);
        pair[1].setTimeout(Duration.ofMillis(50));
        assertThatThrownBy(() -> pair[1].read(ByteBuffer.allocate(4))).isInstanceOf(SocketTimeoutException.class);
    }

    // ---- types, addresses, connections ----

    @Test
    void recordsStayWholeOnSeqpacketAndSayWhenCut() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.SEQPACKET);
        Descriptor a = pipeReadEnd();
        pair[0].write(bytes("first record"), a);
        pair[0].write(bytes("second"));
        try (Received first = pair[1].receive(ByteBuffer.allocate(5), 1)) {
            assertThat(first.bytes()).isEqualTo(5);
            assertThat(first.isTruncated()).isTrue();
            assertThat(first.descriptors()).hasSize(1);
        }
        ByteBuffer second = ByteBuffer.allocate(64);
        assertThat(pair[1].read(second)).as("the cut record's rest is gone; the next is whole").isEqualTo(6);
        assertThat(ascii(second)).isEqualTo("second");
    }

    @Test
    void datagramsGoToAnAddressAndSayWhoSentThem() throws Exception {
        UnixAddress serverName = UnixAddress.of("@sendmsg-test-dgram-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        UnixAddress clientName = UnixAddress.of(dir.resolve("client.sock"));
        UnixChannel server = closing(UnixChannel.openDatagram(serverName));
        UnixChannel client = closing(UnixChannel.openDatagram(clientName));
        Descriptor a = pipeReadEnd();
        client.send(bytes("ping"), serverName, a);
        try (Received request = server.receive(ByteBuffer.allocate(16), 1)) {
            assertThat(request.sender()).isEqualTo(clientName);
            assertThat(request.descriptors()).hasSize(1);
            server.send(bytes("pong"), request.sender());
        }
        ByteBuffer reply = ByteBuffer.allocate(16);
        client.read(reply);
        assertThat(ascii(reply)).isEqualTo("pong");
        assertThatThrownBy(() -> pair(UnixChannel.Type.STREAM)[0].send(bytes("x"), serverName))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only a datagram channel");
    }

    @Test
    void aServerAcceptsOnAPathAndTheClientKnowsWhoItIs() throws Exception {
        Path path = dir.resolve("server.sock");
        UnixServerChannel server = closing(UnixServerChannel.bind(UnixAddress.of(path)));
        assertThat(server.localAddress()).isEqualTo(UnixAddress.of(path));
        CompletableFuture<UnixChannel> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
        UnixChannel client = closing(UnixChannel.connect(UnixAddress.of(path)));
        UnixChannel connection = closing(accepted.get(10, TimeUnit.SECONDS));
        assertThat(client.remoteAddress()).isEqualTo(UnixAddress.of(path));
        assertThat(client.peerCredentials().pid()).isEqualTo(ProcessHandle.current().pid());
        try (Descriptor copy = connection.duplicateDescriptor()) {
            assertThat(Fds.statusFlags(copy.fd()) & 04000).as("the accepted socket is blocking (O_NONBLOCK clear)").isZero();
        }
        client.write(bytes("hello"));
        ByteBuffer buffer = ByteBuffer.allocate(16);
        connection.read(buffer);
        assertThat(ascii(buffer)).isEqualTo("hello");
    }

    @Test
    void connectingWhereNobodyListensSaysSo() throws Exception {
        assertThatThrownBy(() -> UnixChannel.connect(UnixAddress.of(dir.resolve("nobody.sock"))))
                .hasMessageContaining("ENOENT").hasMessageContaining("is the server running");
        assertThatThrownBy(() -> UnixChannel.connect(UnixAddress.of("@sendmsg-test-nobody-" + System.nanoTime())))
                .hasMessageContaining("ECONNREFUSED");
        assertThatThrownBy(() -> UnixChannel.connect(new java.net.InetSocketAddress("localhost", 80)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AF_UNIX");
    }

    @Test
    void bigWritesOfHeapAndDirectBuffersArriveWhole() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        byte[] data = new byte[5 << 20];
        new java.util.Random(7).nextBytes(data);
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                ByteBuffer all = ByteBuffer.allocateDirect(data.length);
                while (all.hasRemaining()) {
                    if (pair[1].read(all) < 0) {
                        break;
                    }
                }
                all.flip();
                byte[] copy = new byte[all.remaining()];
                all.get(copy);
                return copy;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
        ByteBuffer heap = ByteBuffer.wrap(data, 0, data.length / 2);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length - data.length / 2).put(data, data.length / 2, data.length - data.length / 2).flip();
        assertThat(pair[0].write(new ByteBuffer[] {heap, direct})).isEqualTo(data.length);
        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(data);
    }

    @Test
    void endOfStreamIsMinusOne() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        pair[0].write(bytes("last"));
        pair[0].shutdownOutput();
        ByteBuffer buffer = ByteBuffer.allocate(16);
        assertThat(pair[1].read(buffer)).isEqualTo(4);
        assertThat(pair[1].read(buffer)).isEqualTo(-1);
        try (Received end = pair[1].receive(ByteBuffer.allocate(4), 1)) {
            assertThat(end.isEndOfStream()).isTrue();
        }
    }

    @Test
    void aPeerThatDiesMidMessageLeavesWhatArrivedThenTheEnd() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        Descriptor a = pipeReadEnd();
        pair[0].write(bytes("half a mess"), a);
        pair[0].close();
        try (Received received = pair[1].receive(ByteBuffer.allocate(64), 1)) {
            assertThat(received.bytes()).isEqualTo(11);
            assertThat(received.descriptors()).hasSize(1);
        }
        assertThat(pair[1].read(ByteBuffer.allocate(8))).isEqualTo(-1);
        assertThatThrownBy(() -> pair[1].write(bytes("anyone?"))).hasMessageContaining("EPIPE");
    }

    @Test
    void anAdoptedSocketKeepsItsBlockingMode() throws Exception {
        int[] pair = Posix.socketpair();
        int flagsBefore = Fds.statusFlags(pair[0]);
        UnixChannel adopted = closing(UnixChannel.adopt(Descriptor.adopt(pair[0])));
        UnixChannel other = closing(UnixChannel.adopt(Descriptor.adopt(pair[1])));
        CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return adopted.read(ByteBuffer.allocate(4));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
        Thread.sleep(100);   // the reader waits: with MSG_DONTWAIT and the poller, not by changing O_NONBLOCK
        try (Descriptor copy = adopted.duplicateDescriptor()) {
            assertThat(Fds.statusFlags(copy.fd())).as("the socket's status flags, which the sender shares").isEqualTo(flagsBefore);
        }
        other.write(bytes("go"));
        assertThat(reading.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }

    // ---- waiting: timeouts, interruption, close ----

    @Test
    void aTimedOutReadTakesNothingAndTheChannelStaysUsable() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        pair[1].setTimeout(Duration.ofMillis(100));
        long start = System.nanoTime();
        assertThatThrownBy(() -> pair[1].read(ByteBuffer.allocate(4))).isInstanceOf(SocketTimeoutException.class);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsed).as("waited about the timeout").isBetween(90L, 5_000L);
        assertThat(pair[1].isOpen()).isTrue();
        pair[0].write(bytes("late"));
        ByteBuffer buffer = ByteBuffer.allocate(8);
        assertThat(pair[1].read(buffer)).isEqualTo(4);
    }

    @Test
    void aTimedOutWriteLeavesTheChannelOpen() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        pair[0].setTimeout(Duration.ofMillis(100));
        ByteBuffer huge = ByteBuffer.allocateDirect(64 << 20);
        assertThatThrownBy(() -> pair[0].write(huge)).as("nobody reads: the socket fills")
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(huge.position()).as("the position says how much was written").isPositive();
        assertThat(pair[0].isOpen()).isTrue();
    }

    @Test
    void interruptingAWaitingReaderClosesTheChannel() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                pair[1].read(ByteBuffer.allocate(4));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        Thread.sleep(100);
        reader.interrupt();
        reader.join(10_000);
        assertThat(thrown.get()).isInstanceOf(ClosedByInterruptException.class);
        assertThat(pair[1].isOpen()).as("as every InterruptibleChannel: an interrupt closes it").isFalse();
    }

    @Test
    void closingFromAnotherThreadWakesTheReaderAndTheWriter() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        AtomicReference<Throwable> readerSaw = new AtomicReference<>();
        AtomicReference<Throwable> writerSaw = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                pair[1].read(ByteBuffer.allocate(4));
            } catch (Throwable t) {
                readerSaw.set(t);
            }
        });
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                pair[1].write(ByteBuffer.allocateDirect(64 << 20));   // nobody reads: it waits
            } catch (Throwable t) {
                writerSaw.set(t);
            }
        });
        Thread.sleep(200);
        int before = Fds.openCount();
        pair[1].close();
        reader.join(10_000);
        writer.join(10_000);
        assertThat(readerSaw.get()).as("a platform thread waiting to read").isInstanceOf(AsynchronousCloseException.class);
        assertThat(writerSaw.get()).as("a virtual thread waiting to write").isInstanceOf(AsynchronousCloseException.class);
        assertThat(Fds.openCount()).as("the socket closed once both calls had returned").isEqualTo(before - 1);
        assertThatThrownBy(() -> pair[1].read(ByteBuffer.allocate(4))).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void aCallOnAChannelClosedBeforeItBeganIsAClosedChannelExceptionNotAnAsynchronousClose() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        UnixServerChannel server = UnixServerChannel.bind(UnixAddress.of(dir.resolve("closed-before")));
        pair[0].close();
        server.close();
        try (Arena arena = Arena.ofConfined(); NativeMessage message = NativeMessage.allocate(1, 0)) {
            message.setBuffer(arena.allocate(1));
            List<ThrowingCall> calls = List.of(
                    () -> pair[0].read(ByteBuffer.allocate(4)),
                    () -> pair[0].read(ByteBuffer.allocate(0)),
                    () -> pair[0].receive(ByteBuffer.allocate(4), 1),
                    () -> pair[0].receive(ByteBuffer.allocate(0), 1),
                    () -> pair[0].write(ByteBuffer.wrap(new byte[] {1})),
                    () -> pair[0].write(ByteBuffer.allocate(0)),
                    () -> pair[0].send(message),
                    () -> pair[0].receive(message),
                    server::accept);
            for (ThrowingCall call : calls) {
                assertThatThrownBy(call::run).isExactlyInstanceOf(ClosedChannelException.class);
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    // ---- raw messages ----

    @Test
    void aNativeMessageGoesThroughTheChannelWithItsWaiting() throws Exception {
        UnixChannel[] pair = pair(UnixChannel.Type.STREAM);
        Descriptor a = pipeReadEnd();
        try (Arena arena = Arena.ofShared();
             NativeMessage out = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(4));
             NativeMessage in = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(4))) {
            MemorySegment outBuffer = arena.allocateFrom(ValueLayout.JAVA_BYTE, "raw!".getBytes(StandardCharsets.US_ASCII));
            out.setBuffer(outBuffer).addRights(a.fd());
            in.setBuffer(arena.allocate(4));
            CompletableFuture<Long> receiving = CompletableFuture.supplyAsync(() -> {
                try {
                    return pair[1].receive(in);   // waits: nothing sent yet
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            Thread.sleep(100);
            assertThat(pair[0].send(out)).isEqualTo(4);
            assertThat(receiving.get(10, TimeUnit.SECONDS)).isEqualTo(4);
            assertThat(in.fileDescriptorCount()).isEqualTo(1);
            int fd = in.fileDescriptor(0);
            assertThat(Fds.target(fd)).isEqualTo(Fds.target(a.fd()));
            Posix.close(fd);
        }
    }

    @Test
    void aPathServersSocketFileStaysForTheCallerToDelete() throws Exception {
        Path path = dir.resolve("stays.sock");
        UnixServerChannel.bind(UnixAddress.of(path)).close();
        assertThat(Files.exists(path)).isTrue();
        assertThat(Arrays.asList(UnixChannel.Type.values())).hasSize(3);
    }
}
