package io.github.sendmsg.bench;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.posix.CmsgHdr;
import jnr.posix.MsgHdr;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
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
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * jnr-posix (jnr-ffi/jffi): {@code POSIX.sendmsg}/{@code recvmsg} with one {@code MsgHdr} per direction,
 * allocated once, over direct {@code ByteBuffer}s (an {@code iovec} can only point at direct memory
 * there). {@code socketpair} and {@code close} are {@code POSIX}'s; {@code setsockopt} is not in
 * {@code POSIX}, so W3 sizes the buffers through a two-line jnr-ffi interface. W2 reads the received
 * descriptor with {@code getControls()} + {@code CmsgHdr.getData()}. Reusing the receive {@code MsgHdr}
 * works here only because every message carries exactly one descriptor (the kernel writes
 * {@code msg_controllen} back as 24 each time, and {@code MsgHdr} has no way to reset it). The
 * {@code CmsgHdr}s and buffers are kept reachable for the whole trial: jnr-posix frees the native memory
 * of one whose Java object is collected while its {@code MsgHdr} still points at it (W4 with 64
 * descriptors failed with {@code EINVAL} after the first GC until they were).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JnrPosix {

    static final String IMPL = "jnr-posix";
    static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    static final int AF_UNIX = 1;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;

    /** What {@code POSIX} lacks: {@code setsockopt}. */
    public interface SocketOptions {
        int setsockopt(int fd, int level, int option, @In int[] value, int length);
    }

    public abstract static class Pair {
        int[] pair;

        void open(int bufferSize) {
            pair = new int[2];
            if (POSIX.socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) {
                throw new IllegalStateException(IMPL + ": socketpair failed: errno " + POSIX.errno());
            }
            if (bufferSize > 0) {
                SocketOptions options = LibraryLoader.create(SocketOptions.class).load("c");
                int[] size = {bufferSize};
                for (int fd : pair) {
                    for (int option : new int[] {RawFfm.SO_SNDBUF, RawFfm.SO_RCVBUF}) {
                        if (options.setsockopt(fd, RawFfm.SOL_SOCKET, option, size, 4) != 0) {
                            throw new IllegalStateException(IMPL + ": setsockopt failed: errno " + POSIX.errno());
                        }
                    }
                }
                RawFfm.checkBuffers(IMPL, pair, bufferSize);
            }
        }

        @TearDown
        public void tearDown() {
            for (int fd : pair) {
                POSIX.close(fd);
            }
        }
    }

    @State(Scope.Thread)
    public static class Bytes extends Pair {
        /** W1 sends {@value Workloads#W1_BYTES} bytes per op, W3 {@value Workloads#W3_BYTES}. */
        @Param({"64", "65536"})
        public int length;
        ByteBuffer outBuffer;
        ByteBuffer inBuffer;
        MsgHdr out;
        MsgHdr in;

        @Setup
        public void setup() {
            open(Workloads.socketBuffer(length));
            byte[] payload = Workloads.payload(length);
            outBuffer = ByteBuffer.allocateDirect(length).put(payload).flip();
            inBuffer = ByteBuffer.allocateDirect(length);
            out = POSIX.allocateMsgHdr();
            out.setIov(new ByteBuffer[] {outBuffer});
            in = POSIX.allocateMsgHdr();
            in.setIov(new ByteBuffer[] {inBuffer});
            Workloads.check(IMPL, roundTrip() == length, "byte count");
            byte[] got = new byte[length];
            inBuffer.get(0, got);
            Workloads.checkBytes(IMPL, payload, got);
        }

        int roundTrip() {
            int sent = POSIX.sendmsg(pair[0], out, 0);
            if (sent != length) {
                sendRest(sent);
            }
            int received = POSIX.recvmsg(pair[1], in, 0);
            if (received != length) {
                receiveRest(received);
            }
            return received;
        }

        private void sendRest(int sent) {
            for (int done = sent; done < length; ) {
                if (sent < 0) {
                    throw new IllegalStateException(IMPL + ": sendmsg failed: errno " + POSIX.errno());
                }
                out.setIov(new ByteBuffer[] {outBuffer.slice(done, length - done)});
                sent = POSIX.sendmsg(pair[0], out, 0);
                done += Math.max(sent, 0);
            }
            out.setIov(new ByteBuffer[] {outBuffer});
        }

        private void receiveRest(int received) {
            for (int done = received; done < length; ) {
                if (received <= 0) {
                    throw new IllegalStateException(IMPL + ": recvmsg returned " + received + ", errno " + POSIX.errno());
                }
                in.setIov(new ByteBuffer[] {inBuffer.slice(done, length - done)});
                received = POSIX.recvmsg(pair[1], in, 0);
                done += Math.max(received, 0);
            }
            in.setIov(new ByteBuffer[] {inBuffer});
        }
    }

    @State(Scope.Thread)
    public static class Descriptor extends Pair {
        int[] pipe;
        ByteBuffer inBuffer;
        MsgHdr out;
        MsgHdr in;
        /** Held for the whole trial: jnr-posix frees a control buffer whose Java object is collected. */
        Object[] keep;

        @Setup
        public void setup() {
            open(0);
            pipe = new int[2];
            if (POSIX.pipe(pipe) != 0) {
                throw new IllegalStateException(IMPL + ": pipe failed: errno " + POSIX.errno());
            }
            out = POSIX.allocateMsgHdr();
            ByteBuffer one = ByteBuffer.allocateDirect(1).put((byte) 'x').flip();
            out.setIov(new ByteBuffer[] {one});
            CmsgHdr rights = out.allocateControl(Integer.BYTES);
            rights.setLevel(RawFfm.SOL_SOCKET);
            rights.setType(RawFfm.SCM_RIGHTS);
            ByteBuffer sent = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder()).putInt(0, pipe[1]);
            rights.setData(sent);
            inBuffer = ByteBuffer.allocateDirect(1);
            in = POSIX.allocateMsgHdr();
            in.setIov(new ByteBuffer[] {inBuffer});
            CmsgHdr inControl = in.allocateControl(Integer.BYTES);
            keep = new Object[] {one, rights, sent, inControl};
            int fd = transfer();
            Workloads.check(IMPL, inBuffer.get(0) == 'x' && fd != pipe[1], "the byte and a new descriptor");
            int written = 0;
            while (written < Workloads.MARKER.length) {
                int n = POSIX.write(fd, java.util.Arrays.copyOfRange(Workloads.MARKER, written, Workloads.MARKER.length),
                        Workloads.MARKER.length - written);
                Workloads.check(IMPL, n > 0, "write through the received descriptor");
                written += n;
            }
            POSIX.close(fd);
            try {
                Workloads.checkPipeMarker(IMPL, pipe[0]);
            } catch (io.github.sendmsg.ErrnoException e) {
                throw new IllegalStateException(e);
            }
        }

        int transfer() {
            if (POSIX.sendmsg(pair[0], out, 0) != 1) {
                throw new IllegalStateException(IMPL + ": sendmsg failed: errno " + POSIX.errno());
            }
            if (POSIX.recvmsg(pair[1], in, 0) != 1) {
                throw new IllegalStateException(IMPL + ": recvmsg failed: errno " + POSIX.errno());
            }
            CmsgHdr[] controls = in.getControls();
            if (controls.length != 1 || controls[0].getLevel() != RawFfm.SOL_SOCKET
                    || controls[0].getType() != RawFfm.SCM_RIGHTS) {
                throw new IllegalStateException(IMPL + ": no SCM_RIGHTS descriptor arrived");
            }
            return controls[0].getData().order(ByteOrder.nativeOrder()).getInt(0);
        }

        int roundTrip() {
            int fd = transfer();
            if (POSIX.close(fd) != 0) {
                throw new IllegalStateException(IMPL + ": close failed: errno " + POSIX.errno());
            }
            return fd;
        }

        @TearDown
        public void closePipe() {
            for (int fd : pipe) {
                POSIX.close(fd);
            }
        }
    }

    /**
     * W4: 1 byte + {@code count} descriptors in one control message, set once; the receive reads them
     * from {@code CmsgHdr.getData()} and closes each with {@code POSIX.close}. The receive {@code MsgHdr}
     * is reused, which works because every message carries the same number of descriptors.
     */
    @State(Scope.Thread)
    public static class Descriptors extends Pair {
        /** Descriptors per message: W4 is 16; the scaling run goes from 1 to 253. */
        @Param({"16"})
        public int count;
        int[] pipe;
        MsgHdr out;
        MsgHdr in;
        /** Held for the whole trial: jnr-posix frees a control buffer or iovec whose Java object is collected. */
        Object[] keep;

        @Setup
        public void setup() throws io.github.sendmsg.ErrnoException {
            open(0);
            pipe = new int[2];
            if (POSIX.pipe(pipe) != 0) {
                throw new IllegalStateException(IMPL + ": pipe failed: errno " + POSIX.errno());
            }
            out = POSIX.allocateMsgHdr();
            ByteBuffer one = ByteBuffer.allocateDirect(1).put((byte) 'x').flip();
            out.setIov(new ByteBuffer[] {one});
            CmsgHdr rights = out.allocateControl(Integer.BYTES * count);
            rights.setLevel(RawFfm.SOL_SOCKET);
            rights.setType(RawFfm.SCM_RIGHTS);
            ByteBuffer fds = ByteBuffer.allocateDirect(Integer.BYTES * count).order(ByteOrder.nativeOrder());
            for (int i = 0; i < count; i++) {
                fds.putInt(Integer.BYTES * i, pipe[1]);
            }
            rights.setData(fds);
            in = POSIX.allocateMsgHdr();
            ByteBuffer inOne = ByteBuffer.allocateDirect(1);
            in.setIov(new ByteBuffer[] {inOne});
            CmsgHdr inControl = in.allocateControl(Integer.BYTES * count);
            keep = new Object[] {one, rights, fds, inOne, inControl};
            int[] received = transfer();
            Workloads.checkDescriptors(IMPL, received, count, pipe[1], pipe[0]);
            for (int fd : received) {
                POSIX.close(fd);
            }
        }

        int[] transfer() {
            if (POSIX.sendmsg(pair[0], out, 0) != 1) {
                throw new IllegalStateException(IMPL + ": sendmsg failed: errno " + POSIX.errno());
            }
            if (POSIX.recvmsg(pair[1], in, 0) != 1) {
                throw new IllegalStateException(IMPL + ": recvmsg failed: errno " + POSIX.errno());
            }
            CmsgHdr[] controls = in.getControls();
            if (controls.length != 1 || controls[0].getType() != RawFfm.SCM_RIGHTS) {
                throw new IllegalStateException(IMPL + ": no SCM_RIGHTS descriptors arrived");
            }
            ByteBuffer data = controls[0].getData().order(ByteOrder.nativeOrder());
            int[] fds = new int[data.remaining() / Integer.BYTES];
            for (int i = 0; i < fds.length; i++) {
                fds[i] = data.getInt(Integer.BYTES * i);
            }
            return fds;
        }

        int roundTrip() {
            int[] fds = transfer();
            for (int fd : fds) {
                if (POSIX.close(fd) != 0) {
                    throw new IllegalStateException(IMPL + ": close failed: errno " + POSIX.errno());
                }
            }
            return fds.length;
        }

        @TearDown
        public void closePipe() {
            for (int fd : pipe) {
                POSIX.close(fd);
            }
        }
    }

    /** W5: {@value Workloads#W5_DATAGRAMS} datagrams over a datagram socketpair, one {@code MsgHdr} per direction. */
    @State(Scope.Thread)
    public static class Datagrams {
        int[] pair;
        MsgHdr out;
        MsgHdr in;
        ByteBuffer inBuffer;

        @Setup
        public void setup() {
            pair = new int[2];
            if (POSIX.socketpair(AF_UNIX, SOCK_DGRAM, 0, pair) != 0) {
                throw new IllegalStateException(IMPL + ": socketpair failed: errno " + POSIX.errno());
            }
            byte[] payload = Workloads.payload(Workloads.W5_BYTES);
            out = POSIX.allocateMsgHdr();
            out.setIov(new ByteBuffer[] {ByteBuffer.allocateDirect(Workloads.W5_BYTES).put(payload).flip()});
            inBuffer = ByteBuffer.allocateDirect(Workloads.W5_BYTES);
            in = POSIX.allocateMsgHdr();
            in.setIov(new ByteBuffer[] {inBuffer});
            Workloads.check(IMPL, singles() == (long) Workloads.W5_DATAGRAMS * Workloads.W5_BYTES, "32 datagrams");
            byte[] got = new byte[Workloads.W5_BYTES];
            inBuffer.get(0, got);
            Workloads.checkBytes(IMPL, payload, got);
        }

        long singles() {
            for (int i = 0; i < Workloads.W5_DATAGRAMS; i++) {
                if (POSIX.sendmsg(pair[0], out, 0) != Workloads.W5_BYTES) {
                    throw new IllegalStateException(IMPL + ": sendmsg failed: errno " + POSIX.errno());
                }
            }
            long total = 0;
            for (int i = 0; i < Workloads.W5_DATAGRAMS; i++) {
                total += POSIX.recvmsg(pair[1], in, 0);
            }
            return total;
        }

        @TearDown
        public void tearDown() {
            for (int fd : pair) {
                POSIX.close(fd);
            }
        }
    }

    @Benchmark
    public int bytes(Bytes state) {
        return state.roundTrip();
    }

    @Benchmark
    public int descriptor(Descriptor state) {
        return state.roundTrip();
    }

    @Benchmark
    public int descriptors(Descriptors state) {
        return state.roundTrip();
    }

    @Benchmark
    @OperationsPerInvocation(Workloads.W5_DATAGRAMS)
    public long datagrams(Datagrams state) {
        return state.singles();
    }
}
