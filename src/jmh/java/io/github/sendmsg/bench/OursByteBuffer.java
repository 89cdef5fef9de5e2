package io.github.sendmsg.bench;

import io.github.sendmsg.ControlMessage;
import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import io.github.sendmsg.ReceiveResult;
import io.github.sendmsg.SendMsg;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
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
            if (Workloads.hasBigBuffers(length)) {
                RawFfm.setBuffers(IMPL, pair, Workloads.SOCKET_BUFFER);
            }
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

    @Benchmark
    public long bytes(Bytes state) throws ErrnoException {
        return state.roundTrip();
    }

    @Benchmark
    public int descriptor(Descriptor state) throws ErrnoException {
        return state.roundTrip();
    }
}
