package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import org.newsclub.net.unix.AFUNIXSocket;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * junixsocket (JNI), its {@code java.net.Socket} API with {@code byte[]}: the sockets of an
 * {@code AFUNIXSocketPair}, {@code getOutputStream().write(byte[])} and
 * {@code getInputStream().read(byte[], …)}; W2 with {@code setOutboundFileDescriptors} before each
 * write and {@code getReceivedFileDescriptors()} after the read, the received descriptor closed
 * through a {@code FileInputStream}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JunixsocketStream {

    static final String IMPL = "junixsocket-stream";

    public abstract static class Pair {
        AFUNIXSocketPair<AFUNIXSocketChannel> pair;
        AFUNIXSocket a;
        AFUNIXSocket b;
        OutputStream output;
        InputStream input;

        void open(int bufferSize) throws IOException {
            pair = AFUNIXSocketPair.open();
            pair.getSocket1().configureBlocking(true);
            pair.getSocket2().configureBlocking(true);
            a = (AFUNIXSocket) pair.getSocket1().socket();
            b = (AFUNIXSocket) pair.getSocket2().socket();
            b.setAncillaryReceiveBufferSize(JunixsocketChannel.ANCILLARY_BUFFER);
            if (bufferSize > 0) {
                for (AFUNIXSocket s : java.util.List.of(a, b)) {
                    s.setSendBufferSize(bufferSize);
                    s.setReceiveBufferSize(bufferSize);
                    if (s.getSendBufferSize() < bufferSize
                            || s.getReceiveBufferSize() < bufferSize) {
                        System.out.println("NOTE impl=" + IMPL + " socket buffers capped: "
                                + s.getSendBufferSize() + "/" + s.getReceiveBufferSize());
                    }
                }
            }
            output = a.getOutputStream();
            input = b.getInputStream();
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
        byte[] payload;
        byte[] received;

        @Setup
        public void setup() throws IOException {
            open(Workloads.socketBuffer(length));
            payload = Workloads.payload(length);
            received = new byte[length];
            Workloads.check(IMPL, roundTrip() == length, "byte count");
            Workloads.checkBytes(IMPL, payload, received);
        }

        int roundTrip() throws IOException {
            output.write(payload);
            int done = 0;
            while (done < length) {
                int n = input.read(received, done, length - done);
                if (n < 0) {
                    throw new IllegalStateException(IMPL + ": end of stream");
                }
                done += n;
            }
            return done;
        }
    }

    @State(Scope.Thread)
    public static class Descriptor extends Pair {
        int[] pipe;
        FileDescriptor[] toSend;
        byte[] one;
        byte[] in;

        @Setup
        public void setup() throws IOException, ErrnoException {
            open(0);
            pipe = Posix.pipe();
            toSend = new FileDescriptor[] {FileDescriptorCast.unsafeUsing(pipe[1]).getFileDescriptor()};
            one = new byte[] {'x'};
            in = new byte[1];
            FileDescriptor received = transfer();
            Workloads.check(IMPL, in[0] == 'x', "the byte");
            try (FileOutputStream stream = new FileOutputStream(received)) {
                stream.write(Workloads.MARKER);
            }
            Workloads.checkPipeMarker(IMPL, pipe[0]);
        }

        FileDescriptor transfer() throws IOException {
            a.setOutboundFileDescriptors(toSend);
            output.write(one);
            if (input.read(in, 0, 1) != 1) {
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
        byte[] one = {'x'};
        byte[] in = new byte[1];

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
            output.write(one);
            if (input.read(in, 0, 1) != 1) {
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
}
