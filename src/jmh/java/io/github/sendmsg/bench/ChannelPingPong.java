package io.github.sendmsg.bench;

import io.github.sendmsg.NativeMessage;
import io.github.sendmsg.Posix;
import io.github.sendmsg.channel.UnixChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * W7: a 1-byte ping-pong between two threads over one {@code AF_UNIX} stream socket pair, where each
 * side waits for the other on every message: the cost of waiting, not of the syscall alone. One op is
 * one round trip; an invocation is {@value #ROUND_TRIPS} of them, made by a client thread against an
 * echo thread that runs for the whole trial.
 * <ul>
 * <li>{@code channelVirtual}: {@code UnixChannel} on both ends, both virtual threads (the library's
 *     poller parks them).</li>
 * <li>{@code channelNativeMessageVirtual}: the same through {@code UnixChannel.send/receive(NativeMessage)}.</li>
 * <li>{@code jdkVirtual}: the JDK's own {@code SocketChannel} ({@code StandardProtocolFamily.UNIX}) on both
 *     ends, both virtual threads (the JDK's poller parks them). Bytes only: it cannot pass descriptors.</li>
 * <li>{@code junixsocketVirtual}: junixsocket's {@code AFUNIXSocketChannel} pair in blocking mode on
 *     virtual threads.</li>
 * <li>{@code nativeMessagePlatform}: {@code NativeMessage} with blocking {@code recvmsg} on two platform
 *     threads: the kernel wakes the thread directly, the floor of waiting.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChannelPingPong {

    static final int ROUND_TRIPS = 2_000;

    /** A pair of byte channels with an echo thread on the second end. */
    public abstract static class Echo {
        ByteChannel client;
        ByteChannel server;
        Thread echo;
        final ByteBuffer clientBuffer = ByteBuffer.allocateDirect(1);

        abstract void open() throws Exception;

        abstract Thread.Builder threads();

        @Setup(Level.Trial)
        public void setup() throws Exception {
            open();
            echo = threads().start(() -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(1);
                try {
                    while (true) {
                        buffer.clear();
                        if (server.read(buffer) < 0) {
                            return;
                        }
                        buffer.flip();
                        server.write(buffer);
                    }
                } catch (IOException closed) {
                    // the trial ended
                }
            });
            Workloads.check(getClass().getSimpleName(), roundTrips(10) == 10, "10 echoes");
        }

        /** Runs {@code count} round trips on a client thread of {@link #threads()}; returns how many echoed. */
        int roundTrips(int count) throws InterruptedException {
            int[] done = {0};
            Thread client = threads().start(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        clientBuffer.clear().put((byte) i).flip();
                        this.client.write(clientBuffer);
                        clientBuffer.clear();
                        if (this.client.read(clientBuffer) == 1 && clientBuffer.get(0) == (byte) i) {
                            done[0]++;
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            client.join();
            return done[0];
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            client.close();
            echo.join(5_000);
            server.close();
        }
    }

    @State(Scope.Benchmark)
    public static class ChannelVirtual extends Echo {
        @Override
        void open() throws Exception {
            UnixChannel[] pair = UnixChannel.pair();
            client = pair[0];
            server = pair[1];
        }

        @Override
        Thread.Builder threads() {
            return Thread.ofVirtual();
        }
    }

    @State(Scope.Benchmark)
    public static class JdkVirtual extends Echo {
        Path path;

        @Override
        void open() throws Exception {
            path = Files.createTempDirectory("bench-").resolve("pingpong.sock");
            try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                    .bind(UnixDomainSocketAddress.of(path))) {
                client = SocketChannel.open(UnixDomainSocketAddress.of(path));
                server = listener.accept();
            }
            Files.delete(path);
            Files.delete(path.getParent());
        }

        @Override
        Thread.Builder threads() {
            return Thread.ofVirtual();
        }
    }

    /** junixsocket's {@code AFUNIXSocketChannel} pair, blocking, on virtual threads. */
    @State(Scope.Benchmark)
    public static class JunixsocketVirtual extends Echo {
        @Override
        void open() throws Exception {
            org.newsclub.net.unix.AFUNIXSocketPair<org.newsclub.net.unix.AFUNIXSocketChannel> pair =
                    org.newsclub.net.unix.AFUNIXSocketPair.open();
            pair.getSocket1().configureBlocking(true);
            pair.getSocket2().configureBlocking(true);
            client = pair.getSocket1();
            server = pair.getSocket2();
        }

        @Override
        Thread.Builder threads() {
            return Thread.ofVirtual();
        }
    }

    /** NativeMessage both ways: through the channel on virtual threads, or blocking on platform threads. */
    public abstract static class NativeEcho {
        Arena arena;
        UnixChannel[] pair;
        int[] fds;
        NativeMessage clientMessage;
        NativeMessage serverMessage;
        Thread echo;

        abstract boolean throughChannel();

        abstract Thread.Builder threads();

        @Setup(Level.Trial)
        public void setup() throws Exception {
            arena = Arena.ofShared();
            MemorySegment clientBuffer = arena.allocate(1);
            MemorySegment serverBuffer = arena.allocate(1);
            clientMessage = NativeMessage.allocate(1, 0).setBuffer(clientBuffer);
            serverMessage = NativeMessage.allocate(1, 0).setBuffer(serverBuffer);
            if (throughChannel()) {
                pair = UnixChannel.pair();
            } else {
                fds = Posix.socketpair();
            }
            echo = threads().start(() -> {
                try {
                    while (receive(serverMessage, 1) == 1) {
                        send(serverMessage, 1);
                    }
                } catch (IOException closed) {
                    // the trial ended
                }
            });
            Workloads.check(getClass().getSimpleName(), roundTrips(10) == 10, "10 echoes");
        }

        long send(NativeMessage message, int end) throws IOException {
            return throughChannel() ? pair[end].send(message) : message.send(fds[end], 0);
        }

        long receive(NativeMessage message, int end) throws IOException {
            return throughChannel() ? pair[end].receive(message) : message.receive(fds[end], 0);
        }

        int roundTrips(int count) throws InterruptedException {
            int[] done = {0};
            Thread client = threads().start(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        send(clientMessage, 0);
                        if (receive(clientMessage, 0) == 1) {
                            done[0]++;
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            client.join();
            return done[0];
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            if (throughChannel()) {
                pair[0].close();
                echo.join(5_000);
                pair[1].close();
            } else {
                Posix.close(fds[0]);
                echo.join(5_000);
                Posix.close(fds[1]);
            }
            clientMessage.close();
            serverMessage.close();
            arena.close();
        }
    }

    @State(Scope.Benchmark)
    public static class ChannelNativeMessageVirtual extends NativeEcho {
        @Override
        boolean throughChannel() {
            return true;
        }

        @Override
        Thread.Builder threads() {
            return Thread.ofVirtual();
        }
    }

    @State(Scope.Benchmark)
    public static class NativeMessagePlatform extends NativeEcho {
        @Override
        boolean throughChannel() {
            return false;
        }

        @Override
        Thread.Builder threads() {
            return Thread.ofPlatform();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int channelVirtual(ChannelVirtual state) throws InterruptedException {
        return state.roundTrips(ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int jdkVirtual(JdkVirtual state) throws InterruptedException {
        return state.roundTrips(ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int channelNativeMessageVirtual(ChannelNativeMessageVirtual state) throws InterruptedException {
        return state.roundTrips(ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int nativeMessagePlatform(NativeMessagePlatform state) throws InterruptedException {
        return state.roundTrips(ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int junixsocketVirtual(JunixsocketVirtual state) throws InterruptedException {
        return state.roundTrips(ROUND_TRIPS);
    }
}
