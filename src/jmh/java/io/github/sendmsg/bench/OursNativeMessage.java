package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.MessageBatch;
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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The library's zero-copy layer: one {@link NativeMessage} per direction over native segments
 * allocated once. W2 adds the descriptor once with {@code addRights(fd)}; per op it sends, receives,
 * takes {@code fileDescriptor(0)} and closes it with {@code Posix.close}. This is the row that must
 * allocate nothing ({@code gc.alloc.rate.norm} 0 B/op).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OursNativeMessage {

    static final String IMPL = "ours-nativemessage";

    @State(Scope.Thread)
    public static class Bytes {
        /** W1 sends {@value Workloads#W1_BYTES} bytes per op, W3 {@value Workloads#W3_BYTES}. */
        @Param({"64", "65536"})
        public int length;
        Arena arena;
        int[] pair;
        MemorySegment outBuffer;
        MemorySegment inBuffer;
        NativeMessage out;
        NativeMessage in;

        @Setup
        public void setup() throws ErrnoException {
            arena = Arena.ofConfined();
            pair = Posix.socketpair();
            RawFfm.setBuffers(IMPL, pair, Workloads.socketBuffer(length));
            outBuffer = arena.allocate(length);
            inBuffer = arena.allocate(length);
            out = NativeMessage.allocate(1, 0).setBuffer(outBuffer);
            in = NativeMessage.allocate(1, 0).setBuffer(inBuffer);
            byte[] payload = Workloads.payload(length);
            MemorySegment.copy(payload, 0, outBuffer, JAVA_BYTE, 0, length);
            inBuffer.fill((byte) 0);
            Workloads.check(IMPL, roundTrip() == length, "byte count");
            Workloads.checkBytes(IMPL, payload, inBuffer.toArray(JAVA_BYTE));
        }

        long roundTrip() throws ErrnoException {
            long sent = out.send(pair[0], 0);
            if (sent != length) {
                sendRest(sent);
            }
            long received = in.receive(pair[1], 0);
            if (received != length) {
                receiveRest(received);
            }
            return received;
        }

        private void sendRest(long sent) throws ErrnoException {
            for (long done = sent; done < length; ) {
                done += out.setBuffer(outBuffer.asSlice(done)).send(pair[0], 0);
            }
            out.setBuffer(outBuffer);
        }

        private void receiveRest(long received) throws ErrnoException {
            for (long done = received; done < length; ) {
                if (received == 0) {
                    throw new IllegalStateException("receive: end of stream after " + done + " bytes");
                }
                received = in.setBuffer(inBuffer.asSlice(done)).receive(pair[1], 0);
                done += received;
            }
            in.setBuffer(inBuffer);
        }

        @TearDown
        public void tearDown() {
            out.close();
            in.close();
            Workloads.closeAll(pair);
            arena.close();
        }
    }

    @State(Scope.Thread)
    public static class Descriptor {
        Arena arena;
        int[] pair;
        int[] pipe;
        MemorySegment inBuffer;
        NativeMessage out;
        NativeMessage in;

        @Setup
        public void setup() throws ErrnoException {
            arena = Arena.ofConfined();
            pair = Posix.socketpair();
            pipe = Posix.pipe();
            MemorySegment outBuffer = arena.allocate(1);
            outBuffer.set(JAVA_BYTE, 0, (byte) 'x');
            inBuffer = arena.allocate(1);
            out = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(Integer.BYTES)).setBuffer(outBuffer).addRights(pipe[1]);
            in = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(Integer.BYTES)).setBuffer(inBuffer);
            int fd = transfer();
            Workloads.check(IMPL, in.fileDescriptorCount() == 1 && inBuffer.get(JAVA_BYTE, 0) == 'x',
                    "1 byte and 1 descriptor");
            Workloads.writeMarker(fd);
            Posix.close(fd);
            Workloads.checkPipeMarker(IMPL, pipe[0]);
        }

        int transfer() throws ErrnoException {
            if (out.send(pair[0], 0) != 1 || in.receive(pair[1], 0) != 1) {
                throw new IllegalStateException(IMPL + ": not exactly 1 byte each way");
            }
            return in.fileDescriptor(0);
        }

        int roundTrip() throws ErrnoException {
            int fd = transfer();
            Posix.close(fd);
            return fd;
        }

        @TearDown
        public void tearDown() {
            out.close();
            in.close();
            Workloads.closeAll(pair);
            Workloads.closeAll(pipe);
            arena.close();
        }
    }

    /** W4: 1 byte + {@code count} copies of the pipe's write end, added once; all received closed per op. */
    @State(Scope.Thread)
    public static class Descriptors {
        /** Descriptors per message: W4 is 16; the scaling run goes from 1 to 253. */
        @Param({"16"})
        public int count;
        Arena arena;
        int[] pair;
        int[] pipe;
        NativeMessage out;
        NativeMessage in;

        @Setup
        public void setup() throws ErrnoException {
            arena = Arena.ofConfined();
            pair = Posix.socketpair();
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

        void transfer() throws ErrnoException {
            if (out.send(pair[0], 0) != 1 || in.receive(pair[1], 0) != 1) {
                throw new IllegalStateException(IMPL + ": not exactly 1 byte each way");
            }
        }

        int roundTrip() throws ErrnoException {
            transfer();
            int n = in.fileDescriptorCount();
            for (int i = 0; i < n; i++) {
                Posix.close(in.fileDescriptor(i));
            }
            return n;
        }

        @TearDown
        public void tearDown() {
            out.close();
            in.close();
            Workloads.closeAll(pair);
            Workloads.closeAll(pipe);
            arena.close();
        }
    }

    /**
     * W5: {@value Workloads#W5_DATAGRAMS} datagrams of {@value Workloads#W5_BYTES} bytes: one
     * {@code NativeMessage} per datagram sent and received singly ({@code datagrams}), or a
     * {@code MessageBatch} of them in one {@code sendmmsg} and one {@code recvmmsg} ({@code datagramBatch}).
     */
    @State(Scope.Thread)
    public static class Datagrams {
        Arena arena;
        int[] pair;
        NativeMessage[] out;
        NativeMessage[] in;
        MessageBatch outBatch;
        MessageBatch inBatch;
        MemorySegment lastIn;

        @Setup
        public void setup() throws ErrnoException {
            arena = Arena.ofConfined();
            pair = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
            int n = Workloads.W5_DATAGRAMS;
            byte[] payload = Workloads.payload(Workloads.W5_BYTES);
            out = new NativeMessage[n];
            in = new NativeMessage[n];
            outBatch = MessageBatch.allocate(n, 1, 0);
            inBatch = MessageBatch.allocate(n, 1, 0);
            for (int i = 0; i < n; i++) {
                MemorySegment o = arena.allocate(Workloads.W5_BYTES);
                MemorySegment.copy(payload, 0, o, JAVA_BYTE, 0, payload.length);
                MemorySegment r = arena.allocate(Workloads.W5_BYTES);
                out[i] = NativeMessage.allocate(1, 0).setBuffer(o);
                in[i] = NativeMessage.allocate(1, 0).setBuffer(r);
                outBatch.message(i).setBuffer(o);
                inBatch.message(i).setBuffer(r);
                lastIn = r;
            }
            Workloads.check(IMPL, singles() == (long) n * Workloads.W5_BYTES, "32 datagrams one by one");
            Workloads.checkBytes(IMPL, payload, lastIn.toArray(JAVA_BYTE));
            lastIn.fill((byte) 0);
            Workloads.check(IMPL, batch() == n, "32 datagrams in one batch");
            for (int i = 0; i < n; i++) {
                Workloads.check(IMPL, inBatch.length(i) == Workloads.W5_BYTES, "the length of datagram " + i);
            }
            Workloads.checkBytes(IMPL, payload, lastIn.toArray(JAVA_BYTE));
        }

        long singles() throws ErrnoException {
            long total = 0;
            for (NativeMessage m : out) {
                if (m.send(pair[0], 0) != Workloads.W5_BYTES) {
                    throw new IllegalStateException(IMPL + ": a short datagram");
                }
            }
            for (NativeMessage m : in) {
                total += m.receive(pair[1], 0);
            }
            return total;
        }

        /** One call each way; a batch cut short is a failure here (the socket's buffer holds all 32). */
        int batch() throws ErrnoException {
            int n = Workloads.W5_DATAGRAMS;
            if (outBatch.send(pair[0], n, 0) != n) {
                throw new IllegalStateException(IMPL + ": sendmmsg sent fewer than " + n);
            }
            int received = inBatch.receive(pair[1], n, 0);
            if (received != n) {
                throw new IllegalStateException(IMPL + ": recvmmsg received fewer than " + n);
            }
            return received;
        }

        @TearDown
        public void tearDown() {
            for (int i = 0; i < out.length; i++) {
                out[i].close();
                in[i].close();
            }
            outBatch.close();
            inBatch.close();
            Workloads.closeAll(pair);
            arena.close();
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

    @Benchmark
    @OperationsPerInvocation(Workloads.W5_DATAGRAMS)
    public int datagramBatch(Datagrams state) throws ErrnoException {
        return state.batch();
    }
}
