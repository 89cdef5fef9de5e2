package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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

    public abstract static class Bytes extends NettyAddress.Pair {
        private final int length;
        private final boolean bigBuffers;
        ByteBuffer outBuffer;
        ByteBuffer inBuffer;

        Bytes(int length, boolean bigBuffers) {
            this.length = length;
            this.bigBuffers = bigBuffers;
        }

        @Setup
        public void setup() throws ErrnoException, IOException {
            open(bigBuffers);
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

    @State(Scope.Thread)
    public static class W1 extends Bytes {
        public W1() {
            super(Workloads.W1_BYTES, false);
        }
    }

    @State(Scope.Thread)
    public static class W3 extends Bytes {
        public W3() {
            super(Workloads.W3_BYTES, true);
        }
    }

    @Benchmark
    public int w1(W1 state) throws IOException {
        return state.roundTrip();
    }

    @Benchmark
    public int w3(W3 state) throws IOException {
        return state.roundTrip();
    }
}
