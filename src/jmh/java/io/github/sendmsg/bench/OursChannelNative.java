package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.NativeMessage;
import io.github.sendmsg.Posix;
import io.github.sendmsg.SendMsg;
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
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The channel's zero-copy path: {@code UnixChannel.send(NativeMessage)} and
 * {@code receive(NativeMessage)}, one message per direction over native segments allocated once, the
 * descriptors added once with {@code addRights} and the received ones read with
 * {@code fileDescriptor(i)} and closed with {@code Posix.close}. The same work as
 * {@link OursNativeMessage} plus what the channel adds: its lock, its open-state check, and the
 * non-blocking call that would park on the poller if the kernel said {@code EAGAIN}. The row that must
 * allocate nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OursChannelNative {

    static final String IMPL = "ours-channel-native";

    @State(Scope.Thread)
    public static class Bytes extends OursChannel.Pair {
        /** W1 sends {@value Workloads#W1_BYTES} bytes per op, W3 {@value Workloads#W3_BYTES}. */
        @Param({"64", "65536"})
        public int length;
        Arena arena;
        MemorySegment outBuffer;
        MemorySegment inBuffer;
        NativeMessage out;
        NativeMessage in;

        @Setup
        public void setup() throws IOException {
            open(SendMsg.SOCK_STREAM, Workloads.socketBuffer(length));
            arena = Arena.ofConfined();
            outBuffer = arena.allocate(length);
            inBuffer = arena.allocate(length);
            out = NativeMessage.allocate(1, 0).setBuffer(outBuffer);
            in = NativeMessage.allocate(1, 0).setBuffer(inBuffer);
            byte[] payload = Workloads.payload(length);
            MemorySegment.copy(payload, 0, outBuffer, JAVA_BYTE, 0, length);
            Workloads.check(IMPL, roundTrip() == length, "byte count");
            Workloads.checkBytes(IMPL, payload, inBuffer.toArray(JAVA_BYTE));
        }

        long roundTrip() throws IOException {
            long sent = a.send(out);
            if (sent != length) {
                sendRest(sent);
            }
            long received = b.receive(in);
            if (received != length) {
                receiveRest(received);
            }
            return received;
        }

        private void sendRest(long sent) throws IOException {
            for (long done = sent; done < length; ) {
                done += a.send(out.setBuffer(outBuffer.asSlice(done)));
            }
            out.setBuffer(outBuffer);
        }

        private void receiveRest(long received) throws IOException {
            for (long done = received; done < length; ) {
                if (received == 0) {
                    throw new IllegalStateException(IMPL + ": end of stream after " + done + " bytes");
                }
                received = b.receive(in.setBuffer(inBuffer.asSlice(done)));
                done += received;
            }
            in.setBuffer(inBuffer);
        }

        @TearDown
        public void freeMessages() {
            out.close();
            in.close();
            arena.close();
        }
    }

    /** W2 ({@code count} 1) and W4 ({@code count} 16): 1 byte and {@code count} descriptors per op. */
    public abstract static class WithDescriptors extends OursChannel.Pair {
        Arena arena;
        int[] pipe;
        NativeMessage out;
        NativeMessage in;

        void open(int count) throws IOException {
            open(SendMsg.SOCK_STREAM, 0);
            arena = Arena.ofConfined();
            pipe = Posix.pipe();
            MemorySegment outBuffer = arena.allocate(1);
            outBuffer.set(JAVA_BYTE, 0, (byte) 'x');
            int space = SendMsg.CMSG_SPACE(Integer.BYTES * count);
            out = NativeMessage.allocate(1, space).setBuffer(outBuffer).addRights(Workloads.copies(pipe[1], count));
            in = NativeMessage.allocate(1, space).setBuffer(arena.allocate(1));
            transfer();
            int[] received = in.fileDescriptors();
            Workloads.checkDescriptors(IMPL, received, count, pipe[1], pipe[0]);
            for (int fd : received) {
                Posix.close(fd);
            }
        }

        void transfer() throws IOException {
            if (a.send(out) != 1 || b.receive(in) != 1) {
                throw new IllegalStateException(IMPL + ": not exactly 1 byte each way");
            }
        }

        int roundTrip() throws IOException {
            transfer();
            int n = in.fileDescriptorCount();
            for (int i = 0; i < n; i++) {
                Posix.close(in.fileDescriptor(i));
            }
            return n;
        }

        @TearDown
        public void freeMessages() {
            out.close();
            in.close();
            Workloads.closeAll(pipe);
            arena.close();
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
    public static class Datagrams extends OursChannel.Pair {
        Arena arena;
        NativeMessage out;
        NativeMessage in;
        MemorySegment inBuffer;

        @Setup
        public void setup() throws IOException {
            open(SendMsg.SOCK_DGRAM, 0);
            arena = Arena.ofConfined();
            byte[] payload = Workloads.payload(Workloads.W5_BYTES);
            MemorySegment outBuffer = arena.allocate(Workloads.W5_BYTES);
            MemorySegment.copy(payload, 0, outBuffer, JAVA_BYTE, 0, payload.length);
            inBuffer = arena.allocate(Workloads.W5_BYTES);
            out = NativeMessage.allocate(1, 0).setBuffer(outBuffer);
            in = NativeMessage.allocate(1, 0).setBuffer(inBuffer);
            Workloads.check(IMPL, singles() == (long) Workloads.W5_DATAGRAMS * Workloads.W5_BYTES, "32 datagrams");
            Workloads.checkBytes(IMPL, payload, inBuffer.toArray(JAVA_BYTE));
        }

        long singles() throws IOException {
            for (int i = 0; i < Workloads.W5_DATAGRAMS; i++) {
                a.send(out);
            }
            long total = 0;
            for (int i = 0; i < Workloads.W5_DATAGRAMS; i++) {
                total += b.receive(in);
            }
            return total;
        }

        @TearDown
        public void freeMessages() {
            out.close();
            in.close();
            arena.close();
        }
    }

    @Benchmark
    public long bytes(Bytes state) throws IOException {
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
