package io.github.sendmsg.bench;

import io.github.sendmsg.ControlMessage;
import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import io.github.sendmsg.ReceiveResult;
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

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The library's {@code java.nio}-shaped layer: {@code SendMsg.sendmsg(fd, ByteBuffer[], …)} and
 * {@code SendMsg.recvmsg(fd, ByteBuffer[], …)} on direct buffers allocated once, positions advancing
 * like a {@code GatheringByteChannel}'s. Direct buffers are sent and filled in place; each receive
 * returns a new {@code ReceiveResult}, which is what this row pays over {@link OursNativeMessage}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OursByteBuffer {

    static final String IMPL = "ours-bytebuffer";

    @State(Scope.Thread)
    public static class Bytes {
        /** W1 sends {@value Workloads#W1_BYTES} bytes per op, W3 {@value Workloads#W3_BYTES}. */
        @Param({"64", "65536"})
        public int length;
        int[] pair;
        ByteBuffer[] out;
        ByteBuffer[] in;

        @Setup
        public void setup() throws ErrnoException {
            pair = Posix.socketpair();
            RawFfm.setBuffers(IMPL, pair, Workloads.socketBuffer(length));
            byte[] payload = Workloads.payload(length);
            out = new ByteBuffer[] {ByteBuffer.allocateDirect(length).put(payload).flip()};
            in = new ByteBuffer[] {ByteBuffer.allocateDirect(length)};
            Workloads.check(IMPL, roundTrip() == length, "byte count");
            byte[] received = new byte[length];
            in[0].get(0, received);
            Workloads.checkBytes(IMPL, payload, received);
        }

        long roundTrip() throws ErrnoException {
            out[0].clear();
            in[0].clear();
            while (out[0].hasRemaining()) {
                SendMsg.sendmsg(pair[0], out, List.of(), 0);
            }
            while (in[0].hasRemaining()) {
                if (SendMsg.recvmsg(pair[1], in, 0, 0).bytes() == 0) {
                    throw new IllegalStateException(IMPL + ": end of stream");
                }
            }
            return in[0].position();
        }

        @TearDown
        public void tearDown() {
            Workloads.closeAll(pair);
        }
    }

    @State(Scope.Thread)
    public static class Descriptor {
        int[] pair;
        int[] pipe;
        ByteBuffer[] out;
        ByteBuffer[] in;
        List<ControlMessage> rights;
        int controlSize;

        @Setup
        public void setup() throws ErrnoException {
            pair = Posix.socketpair();
            pipe = Posix.pipe();
            out = new ByteBuffer[] {ByteBuffer.allocateDirect(1).put(0, (byte) 'x')};
            in = new ByteBuffer[] {ByteBuffer.allocateDirect(1)};
            rights = List.of(ControlMessage.rights(pipe[1]));   // built once, as a caller would keep it
            int fd = transfer();
            Workloads.check(IMPL, in[0].get(0) == 'x', "the byte sent with the descriptor");
            Workloads.writeMarker(fd);
            Posix.close(fd);
            Workloads.checkPipeMarker(IMPL, pipe[0]);
        }

        int transfer() throws ErrnoException {
            out[0].clear();
            in[0].clear();
            SendMsg.sendmsg(pair[0], out, rights, 0);
            ReceiveResult result = SendMsg.recvmsg(pair[1], in, Integer.BYTES, 0);
            int[] fds = result.fileDescriptors();
            if (result.bytes() != 1 || fds.length != 1) {
                throw new IllegalStateException(IMPL + ": expected 1 byte and 1 descriptor, got " + result);
            }
            return fds[0];
        }

        int roundTrip() throws ErrnoException {
            int fd = transfer();
            Posix.close(fd);
            return fd;
        }

        @TearDown
        public void tearDown() {
            Workloads.closeAll(pair);
            Workloads.closeAll(pipe);
        }
    }

    /** W4: 1 byte + {@code count} descriptors, the list built once; the received ones closed per op. */
    @State(Scope.Thread)
    public static class Descriptors {
        /** Descriptors per message: W4 is 16; the scaling run goes from 1 to 253. */
        @Param({"16"})
        public int count;
        int[] pair;
        int[] pipe;
        ByteBuffer[] out;
        ByteBuffer[] in;
        List<ControlMessage> rights;

        @Setup
        public void setup() throws ErrnoException {
            pair = Posix.socketpair();
            pipe = Posix.pipe();
            out = new ByteBuffer[] {ByteBuffer.allocateDirect(1).put(0, (byte) 'x')};
            in = new ByteBuffer[] {ByteBuffer.allocateDirect(1)};
            rights = List.of(ControlMessage.rights(Workloads.copies(pipe[1], count)));
            int[] received = transfer();
            Workloads.checkDescriptors(IMPL, received, count, pipe[1], pipe[0]);
            for (int fd : received) {
                Posix.close(fd);
            }
        }

        int[] transfer() throws ErrnoException {
            out[0].clear();
            in[0].clear();
            SendMsg.sendmsg(pair[0], out, rights, 0);
            ReceiveResult result = SendMsg.recvmsg(pair[1], in, Integer.BYTES * count, 0);
            if (result.bytes() != 1) {
                throw new IllegalStateException(IMPL + ": expected 1 byte, got " + result);
            }
            return result.fileDescriptors();
        }

        int roundTrip() throws ErrnoException {
            int[] fds = transfer();
            for (int fd : fds) {
                Posix.close(fd);
            }
            return fds.length;
        }

        @TearDown
        public void tearDown() {
            Workloads.closeAll(pair);
            Workloads.closeAll(pipe);
        }
    }

    /** W5: {@value Workloads#W5_DATAGRAMS} datagrams through direct buffers, each call a single message. */
    @State(Scope.Thread)
    public static class Datagrams {
        int[] pair;
        ByteBuffer[] out;
        ByteBuffer[] in;
        byte[] payload;

        @Setup
        public void setup() throws ErrnoException {
            pair = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
            payload = Workloads.payload(Workloads.W5_BYTES);
            out = new ByteBuffer[] {ByteBuffer.allocateDirect(Workloads.W5_BYTES).put(payload).flip()};
            in = new ByteBuffer[] {ByteBuffer.allocateDirect(Workloads.W5_BYTES)};
            Workloads.check(IMPL, singles() == (long) Workloads.W5_DATAGRAMS * Workloads.W5_BYTES, "32 datagrams");
            byte[] got = new byte[Workloads.W5_BYTES];
            in[0].get(0, got);
            Workloads.checkBytes(IMPL, payload, got);
        }

        long singles() throws ErrnoException {
            for (int i = 0; i < Workloads.W5_DATAGRAMS; i++) {
                out[0].clear();
                SendMsg.sendmsg(pair[0], out, List.of(), 0);
            }
            long total = 0;
            for (int i = 0; i < Workloads.W5_DATAGRAMS; i++) {
                in[0].clear();
                total += SendMsg.recvmsg(pair[1], in, 0, 0).bytes();
            }
            return total;
        }

        @TearDown
        public void tearDown() {
            Workloads.closeAll(pair);
        }
    }

    @Benchmark
    public long bytes(Bytes state) throws ErrnoException {
        return state.roundTrip();
    }

    @Benchmark
    public int descriptor(Descriptor state) throws ErrnoException {
        return state.roundTrip();
    }

    @Benchmark
    public int descriptors(Descriptors state) throws ErrnoException {
        return state.roundTrip();
    }

    @Benchmark
    @OperationsPerInvocation(Workloads.W5_DATAGRAMS)
    public long datagrams(Datagrams state) throws ErrnoException {
        return state.singles();
    }
}
