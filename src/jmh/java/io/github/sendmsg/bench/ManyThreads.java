package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import io.github.sendmsg.channel.Descriptor;
import io.github.sendmsg.channel.Received;
import io.github.sendmsg.channel.UnixChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * W6: {@value #THREADS} threads, each on its own socketpair, each doing W2 through the channel
 * ({@code write(ByteBuffer, Descriptor)}, {@code receive(ByteBuffer, 1)}, close the received
 * {@link Descriptor}) {@value #OPS_PER_THREAD} times per invocation; the result is time per W2 op
 * across all threads, so more throughput is a smaller figure. On virtual threads
 * ({@code channelVirtual}, with the scheduler's parallelism set by the subclass's fork:
 * {@link ManyThreadsOneCarrier}, {@link ManyThreadsTwoCarriers}) and on {@value #THREADS} platform
 * threads ({@link ManyThreadsPlatform}).
 *
 * <p>All the while a ninth virtual thread waits in {@code receive} on a channel nothing is sent to.
 * If waiting held a carrier, one carrier would leave the eight with none (the run would stall) and two
 * would halve them; after each iteration the scheduler's MXBean must show no virtual thread mounted
 * (within a second) while the waiter still waits, or the run fails.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class ManyThreads {

    static final int THREADS = 8;
    static final int OPS_PER_THREAD = 250;
    static final String IMPL = "many-threads";

    /** One thread's socketpair, descriptor and buffers. */
    static final class Lane {
        final UnixChannel a;
        final UnixChannel b;
        final int[] pipe;
        final Descriptor toSend;
        final ByteBuffer out = ByteBuffer.allocateDirect(1).put(0, (byte) 'x');
        final ByteBuffer in = ByteBuffer.allocateDirect(1);

        Lane() throws IOException {
            UnixChannel[] pair = UnixChannel.pair();
            a = pair[0];
            b = pair[1];
            pipe = Posix.pipe();
            toSend = Descriptor.duplicateOf(pipe[1]);
        }

        /** {@code ops} W2 round trips; returns how many delivered exactly one descriptor. */
        int run(int ops) throws IOException {
            int delivered = 0;
            for (int i = 0; i < ops; i++) {
                out.clear();
                a.write(out, toSend);
                in.clear();
                try (Received received = b.receive(in, 1)) {
                    if (received.bytes() == 1 && received.descriptors().size() == 1) {
                        delivered++;
                    }
                }
            }
            return delivered;
        }

        void close() throws IOException {
            a.close();
            b.close();
            toSend.close();
            Workloads.closeAll(pipe);
        }
    }

    @State(Scope.Benchmark)
    public static class Lanes {
        final List<Lane> lanes = new ArrayList<>();
        UnixChannel[] idle;
        Thread waiter;
        ExecutorService platform;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            for (int i = 0; i < THREADS; i++) {
                lanes.add(new Lane());
            }
            for (Lane lane : lanes) {
                Workloads.check(IMPL, lane.run(1) == 1, "one W2 op on each lane");
            }
            idle = UnixChannel.pair();
            waiter = Thread.ofVirtual().name("idle-waiter").start(() -> {
                try {
                    idle[1].read(ByteBuffer.allocate(1));   // waits until tear-down closes the channel
                } catch (IOException closed) {
                    // the trial ended
                }
            });
            platform = Executors.newFixedThreadPool(THREADS);
        }

        int virtual() throws InterruptedException {
            Thread[] threads = new Thread[THREADS];
            int[] delivered = new int[THREADS];
            for (int i = 0; i < THREADS; i++) {
                Lane lane = lanes.get(i);
                int slot = i;
                threads[i] = Thread.ofVirtual().start(() -> delivered[slot] = runUnchecked(lane));
            }
            int total = 0;
            for (int i = 0; i < THREADS; i++) {
                threads[i].join();
                total += delivered[i];
            }
            return check(total);
        }

        int platform() throws Exception {
            List<Future<Integer>> done = new ArrayList<>();
            for (Lane lane : lanes) {
                done.add(platform.submit(() -> lane.run(OPS_PER_THREAD)));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            return check(total);
        }

        private static int runUnchecked(Lane lane) {
            try {
                return lane.run(OPS_PER_THREAD);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static int check(int total) {
            if (total != THREADS * OPS_PER_THREAD) {
                throw new IllegalStateException(IMPL + ": " + total + " of " + THREADS * OPS_PER_THREAD + " ops delivered");
            }
            return total;
        }

        /**
         * The waiter must still wait and hold no carrier: between iterations the scheduler's count of
         * mounted virtual threads falls to 0 while the waiter still waits. (It is the pool's estimate of
         * busy carriers, which lags a moment behind the eight threads ending: so it is sampled for up to
         * a second. A waiter holding a carrier would keep it at 1 for good.)
         */
        @TearDown(Level.Iteration)
        public void checkNoCarrierHeld() throws Exception {
            ObjectName scheduler = new ObjectName("jdk.management:type=VirtualThreadScheduler");
            int mounted = -1;
            for (int i = 0; i < 200 && mounted != 0; i++) {
                mounted = ((Number) ManagementFactory.getPlatformMBeanServer()
                        .getAttribute(scheduler, "MountedVirtualThreadCount")).intValue();
                if (mounted != 0) {
                    Thread.sleep(5);
                }
            }
            Workloads.check(IMPL, waiter.isAlive(), "the idle waiter still waits");
            Workloads.check(IMPL, mounted == 0, "no virtual thread mounted while the waiter waits (the MXBean"
                    + " says " + mounted + " after a second)");
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            platform.shutdownNow();
            idle[0].close();
            idle[1].close();
            waiter.join(5_000);
            for (Lane lane : lanes) {
                lane.close();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(THREADS * OPS_PER_THREAD)
    public int channelVirtual(Lanes lanes) throws InterruptedException {
        return lanes.virtual();
    }
}
