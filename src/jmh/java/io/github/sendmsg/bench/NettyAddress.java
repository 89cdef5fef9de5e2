package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Netty's native transport (JNI, {@code netty-transport-native-epoll}), below its event loop:
 * {@code io.netty.channel.unix.Socket} over the two descriptors of a socketpair (Netty makes none, so
 * the pair comes from {@code Posix.socketpair()}). W1/W3 use {@code writeAddress}/{@code readAddress}
 * on the memory of direct buffers, as Netty's channels do: {@code write(2)}/{@code read(2)}, not
 * {@code sendmsg}/{@code recvmsg} (its unix {@code Socket} cannot send ancillary data with stream
 * data). W2 uses {@code sendFd}/{@code recvFd}: one {@code sendmsg} of 1 byte Netty chooses plus
 * one descriptor; {@code recvFd} then also sets {@code O_NONBLOCK} on the received descriptor (an
 * extra {@code fcntl}). The received descriptor is closed with Netty's {@code FileDescriptor.close()}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NettyAddress {

    static final String IMPL = "netty";

    public abstract static class Pair {
        Socket a;
        Socket b;

        void open(int bufferSize) throws ErrnoException, IOException {
            Epoll.ensureAvailability();   // loads the JNI library, which also registers unix.Socket's natives
            int[] fds = Posix.socketpair();
            a = new Socket(fds[0]);
            b = new Socket(fds[1]);
            if (bufferSize > 0) {
                for (Socket s : new Socket[] {a, b}) {
                    s.setSendBufferSize(bufferSize);
                    s.setReceiveBufferSize(bufferSize);
                }
                RawFfm.checkBuffers(IMPL, fds, bufferSize);
            }
        }

        @TearDown
        public void tearDown() throws IOException {
            a.close();
            b.close();
        }
    }

    @State(Scope.Thread)
    public static class Bytes extends Pair {
        /** W1 sends {@value Workloads#W1_BYTES} bytes per op, W3 {@value Workloads#W3_BYTES}. */
        @Param({"64", "65536"})
        public int length;
        ByteBuffer outBuffer;
        ByteBuffer inBuffer;
        long outAddress;
        long inAddress;

        @Setup
        public void setup() throws ErrnoException, IOException {
            open(Workloads.socketBuffer(length));
            byte[] payload = Workloads.payload(length);
            outBuffer = ByteBuffer.allocateDirect(length).put(payload).flip();
            inBuffer = ByteBuffer.allocateDirect(length);
            outAddress = MemorySegment.ofBuffer(outBuffer).address();
            inAddress = MemorySegment.ofBuffer(inBuffer).address();
            Workloads.check(IMPL, roundTrip() == length, "byte count");
            byte[] got = new byte[length];
            inBuffer.get(0, got);
            Workloads.checkBytes(IMPL, payload, got);
        }

        int roundTrip() throws IOException {
            for (int done = 0; done < length; ) {
                done += a.writeAddress(outAddress, done, length);
            }
            int done = 0;
            while (done < length) {
                int n = b.readAddress(inAddress, done, length);
                if (n <= 0) {
                    throw new IllegalStateException(IMPL + ": readAddress returned " + n);
                }
                done += n;
            }
            return done;
        }
    }

    @State(Scope.Thread)
    public static class Descriptor extends Pair {
        int[] pipe;

        @Setup
        public void setup() throws ErrnoException, IOException {
            open(0);
            pipe = Posix.pipe();
            int fd = transfer();
            Workloads.check(IMPL, fd != pipe[1], "a new descriptor");
            Workloads.writeMarker(fd);
            new FileDescriptor(fd).close();
            Workloads.checkPipeMarker(IMPL, pipe[0]);
        }

        int transfer() throws IOException {
            if (a.sendFd(pipe[1]) != 1) {
                throw new IllegalStateException(IMPL + ": sendFd did not send 1 byte");
            }
            int fd = b.recvFd();
            if (fd <= 0) {
                throw new IllegalStateException(IMPL + ": recvFd returned " + fd);
            }
            return fd;
        }

        int roundTrip() throws IOException {
            int fd = transfer();
            new FileDescriptor(fd).close();
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
    public int descriptor(Descriptor state) throws IOException {
        return state.roundTrip();
    }
}
