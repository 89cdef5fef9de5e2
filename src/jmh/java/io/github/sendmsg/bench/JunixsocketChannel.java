package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;
import org.newsclub.net.unix.FileDescriptorCast;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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

        void open(int bufferSize) throws IOException {
            pair = AFUNIXSocketPair.open();
            a = pair.getSocket1();
            b = pair.getSocket2();
            a.configureBlocking(true);
            b.configureBlocking(true);
            b.setAncillaryReceiveBufferSize(ANCILLARY_BUFFER);
            if (bufferSize > 0) {
                for (AFUNIXSocketChannel c : new AFUNIXSocketChannel[] {a, b}) {
                    c.setOption(StandardSocketOptions.SO_SNDBUF, bufferSize);
                    c.setOption(StandardSocketOptions.SO_RCVBUF, bufferSize);
                    if (c.getOption(StandardSocketOptions.SO_SNDBUF) < bufferSize
                            || c.getOption(StandardSocketOptions.SO_RCVBUF) < bufferSize) {
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
            open(Workloads.socketBuffer(length));
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
            open(0);
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

    /** W4: 1 byte + {@code count} descriptors (the pipe's write end {@code count} times), all closed per op. */
    @State(Scope.Thread)
    public static class Descriptors extends Pair {
        /** Descriptors per message: W4 is 16; the scaling run goes from 1 to 253. */
        @Param({"16"})
        public int count;
        int[] pipe;
        FileDescriptor[] toSend;
        ByteBuffer out = ByteBuffer.allocateDirect(1).put(0, (byte) 'x');
        ByteBuffer in = ByteBuffer.allocateDirect(1);

        @Setup
        public void setup() throws IOException, ErrnoException {
            open(0);
            // Room for every descriptor (this benchmark's usual 1024 bytes hold 252).
            b.setAncillaryReceiveBufferSize(Math.max(JunixsocketChannel.ANCILLARY_BUFFER, (int) RawFfm.cmsgSpace(count)));
            pipe = Posix.pipe();
            toSend = new FileDescriptor[count];
            java.util.Arrays.fill(toSend, FileDescriptorCast.unsafeUsing(pipe[1]).getFileDescriptor());
            FileDescriptor[] received = transfer();
            Workloads.check(IMPL, received.length == count, count + " descriptors");
            try (FileOutputStream stream = new FileOutputStream(received[0])) {
                stream.write(Workloads.MARKER);
            }
            for (int i = 1; i < received.length; i++) {
                new FileInputStream(received[i]).close();
            }
            Workloads.checkPipeMarker(IMPL, pipe[0]);
        }

        FileDescriptor[] transfer() throws IOException {
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
            if (fds == null || fds.length != count) {
                throw new IllegalStateException(IMPL + ": expected " + count + " descriptors, got "
                        + (fds == null ? "none" : fds.length));
            }
            return fds;
        }

        int roundTrip() throws IOException {
            FileDescriptor[] fds = transfer();
            for (FileDescriptor fd : fds) {
                new FileInputStream(fd).close();
            }
            return fds.length;
        }

        @TearDown
        public void closePipe() {
            Workloads.closeAll(pipe);
        }
    }

    /** W5: {@value Workloads#W5_DATAGRAMS} datagrams over junixsocket's datagram channel pair, blocking. */
    @State(Scope.Thread)
    public static class Datagrams {
        AFUNIXSocketPair<AFUNIXDatagramChannel> pair;
        AFUNIXDatagramChannel a;
        AFUNIXDatagramChannel b;
        ByteBuffer out;
        ByteBuffer in;

        @Setup
        public void setup() throws IOException {
            pair = AFUNIXSocketPair.openDatagram();
            a = pair.getSocket1();
            b = pair.getSocket2();
            a.configureBlocking(true);
            b.configureBlocking(true);
            byte[] payload = Workloads.payload(Workloads.W5_BYTES);
            out = ByteBuffer.allocateDirect(Workloads.W5_BYTES).put(payload).flip();
            in = ByteBuffer.allocateDirect(Workloads.W5_BYTES);
            Workloads.check(IMPL, singles() == (long) Workloads.W5_DATAGRAMS * Workloads.W5_BYTES, "32 datagrams");
            byte[] got = new byte[Workloads.W5_BYTES];
            in.get(0, got);
            Workloads.checkBytes(IMPL, payload, got);
        }

        long singles() throws IOException {
            for (int i = 0; i < Workloads.W5_DATAGRAMS; i++) {
                out.clear();
                a.write(out);
            }
            long total = 0;
            for (int i = 0; i < Workloads.W5_DATAGRAMS; i++) {
                in.clear();
                total += b.read(in);
            }
            return total;
        }

        @TearDown
        public void tearDown() throws IOException {
            pair.close();
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

    @Benchmark
    public int descriptors(Descriptors state) throws IOException {
        return state.roundTrip();
    }

    @Benchmark
    @OperationsPerInvocation(Workloads.W5_DATAGRAMS)
    public long datagrams(Datagrams state) throws IOException {
        return state.singles();
    }
}
