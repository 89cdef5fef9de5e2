package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
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
            open(Workloads.hasBigBuffers(length));
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

    @Benchmark
    public int bytes(Bytes state) throws IOException {
        return state.roundTrip();
    }
}
