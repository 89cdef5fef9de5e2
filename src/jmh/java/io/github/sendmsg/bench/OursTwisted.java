package io.github.sendmsg.bench;

import io.github.sendmsg.ControlMessage;
import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import io.github.sendmsg.ReceivedMessage;
import io.github.sendmsg.SendMsg;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The library's Twisted layer: {@code SendMsg.send1msg(fd, byte[], …)} and
 * {@code SendMsg.recv1msg(fd, maxSize)}, as a Twisted user would write it. The bytes are copied into
 * pooled native memory and out into a new {@code byte[]} (the API returns a new
 * {@code ReceivedMessage}), so this row pays the copies and the result objects. {@code recv1msg} keeps
 * Twisted's default control buffer, {@code CMSG_SPACE(4096)}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OursTwisted {

    static final String IMPL = "ours-twisted";

    @State(Scope.Thread)
    public static class Bytes {
        /** W1 sends {@value Workloads#W1_BYTES} bytes per op, W3 {@value Workloads#W3_BYTES}. */
        @Param({"64", "65536"})
        public int length;
        int[] pair;
        byte[] payload;

        @Setup
        public void setup() throws ErrnoException {
            pair = Posix.socketpair();
            RawFfm.setBuffers(IMPL, pair, Workloads.socketBuffer(length));
            payload = Workloads.payload(length);
            Workloads.checkBytes(IMPL, payload, roundTrip());
        }

        byte[] roundTrip() throws ErrnoException {
            int sent = SendMsg.send1msg(pair[0], payload);
            if (sent != length) {
                sendRest(sent);
            }
            byte[] data = SendMsg.recv1msg(pair[1], length).data();
            if (data.length != length) {
                data = receiveRest(data);
            }
            return data;
        }

        private void sendRest(int sent) throws ErrnoException {
            for (int done = sent; done < length; ) {
                done += SendMsg.send1msg(pair[0], Arrays.copyOfRange(payload, done, length));
            }
        }

        private byte[] receiveRest(byte[] first) throws ErrnoException {
            if (first.length == 0) {
                throw new IllegalStateException("recv1msg: end of stream");
            }
            byte[] all = Arrays.copyOf(first, length);
            for (int done = first.length; done < length; ) {
                byte[] more = SendMsg.recv1msg(pair[1], length - done).data();
                if (more.length == 0) {
                    throw new IllegalStateException("recv1msg: end of stream after " + done + " bytes");
                }
                System.arraycopy(more, 0, all, done, more.length);
                done += more.length;
            }
            return all;
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
        byte[] one;
        List<ControlMessage> rights;

        @Setup
        public void setup() throws ErrnoException {
            pair = Posix.socketpair();
            pipe = Posix.pipe();
            one = new byte[] {'x'};
            rights = List.of(ControlMessage.rights(pipe[1]));   // built once, as a caller would keep it
            int fd = transfer();
            Workloads.writeMarker(fd);
            Posix.close(fd);
            Workloads.checkPipeMarker(IMPL, pipe[0]);
        }

        int transfer() throws ErrnoException {
            SendMsg.send1msg(pair[0], one, 0, rights);
            ReceivedMessage message = SendMsg.recv1msg(pair[1], 1);
            int[] fds = message.fileDescriptors();
            if (message.data().length != 1 || fds.length != 1) {
                throw new IllegalStateException(IMPL + ": expected 1 byte and 1 descriptor, got " + message);
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
        byte[] one;
        List<ControlMessage> rights;

        @Setup
        public void setup() throws ErrnoException {
            pair = Posix.socketpair();
            pipe = Posix.pipe();
            one = new byte[] {'x'};
            rights = List.of(ControlMessage.rights(Workloads.copies(pipe[1], count)));
            int[] received = transfer();
            Workloads.checkDescriptors(IMPL, received, count, pipe[1], pipe[0]);
            for (int fd : received) {
                Posix.close(fd);
            }
        }

        int[] transfer() throws ErrnoException {
            SendMsg.send1msg(pair[0], one, 0, rights);
            ReceivedMessage message = SendMsg.recv1msg(pair[1], 1);
            if (message.data().length != 1) {
                throw new IllegalStateException(IMPL + ": expected 1 byte, got " + message);
            }
            return message.fileDescriptors();
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

    /** W5: {@value Workloads#W5_DATAGRAMS} datagrams, each {@code send1msg} then each {@code recv1msg}. */
    @State(Scope.Thread)
    public static class Datagrams {
        int[] pair;
        byte[] payload;

        @Setup
        public void setup() throws ErrnoException {
            pair = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
            payload = Workloads.payload(Workloads.W5_BYTES);
            Workloads.checkBytes(IMPL, payload, singles());
        }

        byte[] singles() throws ErrnoException {
            for (int i = 0; i < Workloads.W5_DATAGRAMS; i++) {
                SendMsg.send1msg(pair[0], payload);
            }
            byte[] last = null;
            for (int i = 0; i < Workloads.W5_DATAGRAMS; i++) {
                last = SendMsg.recv1msg(pair[1], Workloads.W5_BYTES).data();
            }
            return last;
        }

        @TearDown
        public void tearDown() {
            Workloads.closeAll(pair);
        }
    }

    @Benchmark
    public byte[] bytes(Bytes state) throws ErrnoException {
        return state.roundTrip();
    }

    /** W3 alone, for {@link #bytesW3PreTouched}. */
    @State(Scope.Thread)
    public static class BytesW3 {
        final Bytes bytes = new Bytes();

        @Setup
        public void setup() throws ErrnoException {
            bytes.length = Workloads.W3_BYTES;
            bytes.setup();
        }

        @TearDown
        public void tearDown() {
            bytes.tearDown();
        }
    }

    /**
     * W3 on the heap {@code Encoding.copiesW3} measures the copies on (committed and touched up front),
     * so that the two can be compared: the row's cost over the floor against the copies' cost, without
     * the JVM growing and first touching its heap under a 4 GB/s allocation rate.
     */
    @Benchmark
    @Fork(jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
    public byte[] bytesW3PreTouched(BytesW3 state) throws ErrnoException {
        return state.bytes.roundTrip();
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
    public byte[] datagrams(Datagrams state) throws ErrnoException {
        return state.singles();
    }
}
