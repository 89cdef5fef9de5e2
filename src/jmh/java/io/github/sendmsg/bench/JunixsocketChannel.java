package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;
import org.newsclub.net.unix.FileDescriptorCast;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * junixsocket (JNI), its NIO channel API with direct {@code ByteBuffer}s: {@code AFUNIXSocketPair.open()},
 * {@code write}/{@code read}; W2 with {@code setOutboundFileDescriptors} before each write (it applies to
 * the next write only) and {@code getReceivedFileDescriptors()} after the read. A received
 * {@code java.io.FileDescriptor} has no {@code close()}: it is closed through a {@code FileInputStream}.
 * The receiver's ancillary buffer is set once in setup (its default, 0, silently drops descriptors).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JunixsocketChannel {

    static final String IMPL = "junixsocket-channel";
    static final int ANCILLARY_BUFFER = 1024;

    public abstract static class Pair {
        AFUNIXSocketPair<AFUNIXSocketChannel> pair;
        AFUNIXSocketChannel a;
        AFUNIXSocketChannel b;

        void open(boolean bigBuffers) throws IOException {
            pair = AFUNIXSocketPair.open();
            a = pair.getSocket1();
            b = pair.getSocket2();
            a.configureBlocking(true);
            b.configureBlocking(true);
            b.setAncillaryReceiveBufferSize(ANCILLARY_BUFFER);
            if (bigBuffers) {
                for (AFUNIXSocketChannel c : new AFUNIXSocketChannel[] {a, b}) {
                    c.setOption(StandardSocketOptions.SO_SNDBUF, Workloads.SOCKET_BUFFER);
                    c.setOption(StandardSocketOptions.SO_RCVBUF, Workloads.SOCKET_BUFFER);
                    if (c.getOption(StandardSocketOptions.SO_SNDBUF) < Workloads.SOCKET_BUFFER
                            || c.getOption(StandardSocketOptions.SO_RCVBUF) < Workloads.SOCKET_BUFFER) {
                        System.out.println("NOTE impl=" + IMPL + " socket buffers capped: "
                                + c.getOption(StandardSocketOptions.SO_SNDBUF) + "/"
                                + c.getOption(StandardSocketOptions.SO_RCVBUF));
                    }
                }
            }
        }

        @TearDown
        public void tearDown() throws IOException {
            pair.close();
        }
    }

    @State(Scope.Thread)
    public static class Bytes extends Pair {
        /** W1 sends {@value Workloads#W1_BYTES} bytes per op, W3 {@value Workloads#W3_BYTES}. */
        @Param({"64", "65536"})
        public int length;
        ByteBuffer out;
        ByteBuffer in;

        @Setup
        public void setup() throws IOException {
            open(Workloads.hasBigBuffers(length));
            byte[] payload = Workloads.payload(length);
            out = ByteBuffer.allocateDirect(length).put(payload).flip();
            in = ByteBuffer.allocateDirect(length);
            Workloads.check(IMPL, roundTrip() == length, "byte count");
            byte[] got = new byte[length];
            in.flip().get(got);
            Workloads.checkBytes(IMPL, payload, got);
        }

        int roundTrip() throws IOException {
            out.clear();
            while (out.hasRemaining()) {
                a.write(out);
            }
            in.clear();
            while (in.hasRemaining()) {
                if (b.read(in) < 0) {
                    throw new IllegalStateException(IMPL + ": end of stream");
                }
            }
            return in.position();
        }
    }

    @State(Scope.Thread)
    public static class Descriptor extends Pair {
        int[] pipe;
        FileDescriptor[] toSend;
        ByteBuffer out;
        ByteBuffer in;

        @Setup
        public void setup() throws IOException, ErrnoException {
            open(false);
            pipe = Posix.pipe();
            toSend = new FileDescriptor[] {FileDescriptorCast.unsafeUsing(pipe[1]).getFileDescriptor()};
            out = ByteBuffer.allocateDirect(1).put((byte) 'x').flip();
            in = ByteBuffer.allocateDirect(1);
            FileDescriptor received = transfer();
            Workloads.check(IMPL, in.get(0) == 'x', "the byte");
            try (FileOutputStream stream = new FileOutputStream(received)) {
                stream.write(Workloads.MARKER);
            }
            Workloads.checkPipeMarker(IMPL, pipe[0]);
        }

        FileDescriptor transfer() throws IOException {
            a.setOutboundFileDescriptors(toSend);
            out.clear();
            if (a.write(out) != 1) {
                throw new IllegalStateException(IMPL + ": write did not send 1 byte");
            }
            in.clear();
            if (b.read(in) != 1) {
                throw new IllegalStateException(IMPL + ": read did not receive 1 byte");
            }
            FileDescriptor[] fds = b.getReceivedFileDescriptors();
            if (fds == null || fds.length != 1) {
                throw new IllegalStateException(IMPL + ": expected 1 descriptor, got "
                        + (fds == null ? "none" : fds.length));
            }
            return fds[0];
        }

        FileDescriptor roundTrip() throws IOException {
            FileDescriptor fd = transfer();
            new FileInputStream(fd).close();
            return fd;
        }

        @TearDown
        public void closePipe() {
            Workloads.closeAll(pipe);
        }
    }

    @Benchmark
    public int bytes(Bytes state) throws IOException {
        return state.roundTrip();
    }

    @Benchmark
    public FileDescriptor descriptor(Descriptor state) throws IOException {
        return state.roundTrip();
    }
}
