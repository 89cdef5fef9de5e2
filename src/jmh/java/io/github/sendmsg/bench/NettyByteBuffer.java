package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Netty's unix {@code Socket} with its {@code write}/{@code read(ByteBuffer, pos, limit)} overloads
 * on direct buffers (W1, W3; W2 is the same {@code sendFd}/{@code recvFd} as {@link NettyAddress}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NettyByteBuffer {

    static final String IMPL = "netty-bytebuffer";

    @State(Scope.Thread)
    public static class Bytes extends NettyAddress.Pair {
        /** W1 sends {@value Workloads#W1_BYTES} bytes per op, W3 {@value Workloads#W3_BYTES}. */
        @Param({"64", "65536"})
        public int length;
        ByteBuffer outBuffer;
        ByteBuffer inBuffer;

        @Setup
        public void setup() throws ErrnoException, IOException {
            open(Workloads.socketBuffer(length));
            byte[] payload = Workloads.payload(length);
            outBuffer = ByteBuffer.allocateDirect(length).put(payload).flip();
            inBuffer = ByteBuffer.allocateDirect(length);
            Workloads.check(IMPL, roundTrip() == length, "byte count");
            byte[] got = new byte[length];
            inBuffer.get(0, got);
            Workloads.checkBytes(IMPL, payload, got);
        }

        int roundTrip() throws IOException {
            for (int done = 0; done < length; ) {
                done += a.write(outBuffer, done, length);
            }
            int done = 0;
            while (done < length) {
                int n = b.read(inBuffer, done, length);
                if (n <= 0) {
                    throw new IllegalStateException(IMPL + ": read returned " + n);
                }
                done += n;
            }
            return done;
        }
    }

    /** W5: {@value Workloads#W5_DATAGRAMS} datagrams over a datagram socketpair: {@code write(2)}/{@code read(2)}. */
    @State(Scope.Thread)
    public static class Datagrams {
        Socket a;
        Socket b;
        ByteBuffer outBuffer;
        ByteBuffer inBuffer;

        @Setup
        public void setup() throws ErrnoException, IOException {
            Epoll.ensureAvailability();
            int[] fds = Posix.socketpair(io.github.sendmsg.SendMsg.AF_UNIX, io.github.sendmsg.SendMsg.SOCK_DGRAM);
            a = new Socket(fds[0]);
            b = new Socket(fds[1]);
            byte[] payload = Workloads.payload(Workloads.W5_BYTES);
            outBuffer = ByteBuffer.allocateDirect(Workloads.W5_BYTES).put(payload).flip();
            inBuffer = ByteBuffer.allocateDirect(Workloads.W5_BYTES);
            Workloads.check(IMPL, singles() == (long) Workloads.W5_DATAGRAMS * Workloads.W5_BYTES, "32 datagrams");
            byte[] got = new byte[Workloads.W5_BYTES];
            inBuffer.get(0, got);
            Workloads.checkBytes(IMPL, payload, got);
        }

        long singles() throws IOException {
            for (int i = 0; i < Workloads.W5_DATAGRAMS; i++) {
                a.write(outBuffer, 0, Workloads.W5_BYTES);
            }
            long total = 0;
            for (int i = 0; i < Workloads.W5_DATAGRAMS; i++) {
                total += b.read(inBuffer, 0, Workloads.W5_BYTES);
            }
            return total;
        }

        @TearDown
        public void tearDown() throws IOException {
            a.close();
            b.close();
        }
    }

    @Benchmark
    public int bytes(Bytes state) throws IOException {
        return state.roundTrip();
    }

    @Benchmark
    @OperationsPerInvocation(Workloads.W5_DATAGRAMS)
    public long datagrams(Datagrams state) throws IOException {
        return state.singles();
    }
}
