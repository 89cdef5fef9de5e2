package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import io.github.sendmsg.channel.Descriptor;
import io.github.sendmsg.channel.Received;
import io.github.sendmsg.channel.UnixChannel;
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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The library's channel as a {@code java.nio} user writes it: {@code UnixChannel.write(ByteBuffer,
 * Descriptor...)} and {@code read}/{@code receive(ByteBuffer, maxDescriptors)} on direct buffers
 * allocated once. Descriptors go as {@link Descriptor}s (borrowed: the channel sends copies) and
 * arrive as owned {@link Descriptor}s in a {@link Received}, closed per op with {@code Received.close()}:
 * the objects are what this row pays over {@link OursChannelNative}. The channel never blocks in native
 * code: every call passes {@code MSG_DONTWAIT} and waits on the library's poller when the kernel says
 * {@code EAGAIN} (here it never does: each op's data is queued before it is read).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OursChannel {

    static final String IMPL = "ours-channel";

    /** A connected pair of channels over a socketpair with {@code bufferSize} socket buffers (0: default). */
    static UnixChannel[] pair(int type, int bufferSize) throws IOException {
        int[] fds = Posix.socketpair(io.github.sendmsg.SendMsg.AF_UNIX, type);
        RawFfm.setBuffers(IMPL, fds, bufferSize);
        return new UnixChannel[] {UnixChannel.adopt(Descriptor.adopt(fds[0])), UnixChannel.adopt(Descriptor.adopt(fds[1]))};
    }

    public abstract static class Pair {
        UnixChannel a;
        UnixChannel b;

        void open(int type, int bufferSize) throws IOException {
            UnixChannel[] pair = pair(type, bufferSize);
            a = pair[0];
            b = pair[1];
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
        ByteBuffer out;
        ByteBuffer in;

        @Setup
        public void setup() throws IOException {
            open(io.github.sendmsg.SendMsg.SOCK_STREAM, Workloads.socketBuffer(length));
            byte[] payload = Workloads.payload(length);
            out = ByteBuffer.allocateDirect(length).put(payload).flip();
            in = ByteBuffer.allocateDirect(length);
            Workloads.check(IMPL, roundTrip() == length, "byte count");
            byte[] got = new byte[length];
            in.get(0, got);
            Workloads.checkBytes(IMPL, payload, got);
        }

        int roundTrip() throws IOException {
            out.clear();
            a.write(out);
            in.clear();
            while (in.hasRemaining()) {
                if (b.read(in) < 0) {
                    throw new IllegalStateException(IMPL + ": end of stream");
                }
            }
            return in.position();
        }
    }

    /** W2 ({@code count} 1) and W4 ({@code count} 16): 1 byte and {@code count} descriptors per op. */
    public abstract static class WithDescriptors extends Pair {
        int[] pipe;
        Descriptor[] toSend;
        ByteBuffer out;
        ByteBuffer in;

        void open(int count) throws IOException {
            open(io.github.sendmsg.SendMsg.SOCK_STREAM, 0);
            pipe = Posix.pipe();
            toSend = new Descriptor[count];
            for (int i = 0; i < count; i++) {
                toSend[i] = Descriptor.duplicateOf(pipe[1]);
            }
            out = ByteBuffer.allocateDirect(1).put(0, (byte) 'x');
            in = ByteBuffer.allocateDirect(1);
            try (Received received = transfer()) {
                int[] fds = received.descriptors().stream().mapToInt(Descriptor::fd).toArray();
                Workloads.check(IMPL, in.get(0) == 'x', "the byte sent with the descriptors");
                Workloads.checkDescriptors(IMPL, fds, count, pipe[1], pipe[0]);
            }
        }

        Received transfer() throws IOException {
            out.clear();
            a.write(out, toSend);
            in.clear();
            Received received = b.receive(in, toSend.length);
            if (received.bytes() != 1 || received.descriptors().size() != toSend.length) {
                received.close();
                throw new IllegalStateException(IMPL + ": expected 1 byte and " + toSend.length + " descriptors, got " + received);
            }
            return received;
        }

        int roundTrip() throws IOException {
            try (Received received = transfer()) {
                return received.descriptors().size();
            }
        }

        @TearDown
        public void closeDescriptors() throws ErrnoException {
            for (Descriptor d : toSend) {
                d.close();
            }
            Workloads.closeAll(pipe);
        }
    }

    @State(Scope.Thread)
    public static class OneDescriptor extends WithDescriptors {
        @Setup
        public void setup() throws IOException {
            open(1);
        }
    }

    @State(Scope.Thread)
    public static class Descriptors extends WithDescriptors {
        /** Descriptors per message: W4 is 16; the scaling run goes from 1 to 253. */
        @Param({"16"})
        public int count;

        @Setup
        public void setup() throws IOException {
            open(count);
        }
    }

    @State(Scope.Thread)
    public static class Datagrams extends Pair {
        ByteBuffer out;
        ByteBuffer in;
        byte[] payload;

        @Setup
        public void setup() throws IOException {
            open(io.github.sendmsg.SendMsg.SOCK_DGRAM, 0);
            payload = Workloads.payload(Workloads.W5_BYTES);
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
    }

    @Benchmark
    public int bytes(Bytes state) throws IOException {
        return state.roundTrip();
    }

    @Benchmark
    public int descriptor(OneDescriptor state) throws IOException {
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
