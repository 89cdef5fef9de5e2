package io.github.sendmsg.channel;

import io.github.sendmsg.UnixAddress;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;

/**
 * Child of {@link ManyWaitersTest}, started with two carrier threads: {@code N} virtual threads each wait
 * in a receive on a datagram channel of its own; while they wait, another virtual thread must keep
 * running on time and the scheduler must show no carrier held; then one datagram to each releases them
 * all. Prints one line of {@code key=value} figures and exits 0.
 */
public final class ManyWaitersChild {

    private ManyWaitersChild() {
    }

    /**
     * @param args the number of waiters
     * @throws Exception on any failure, which makes the exit code non-zero
     */
    public static void main(String[] args) throws Exception {
        int waiters = Integer.parseInt(args[0]);
        long openBefore = openCount();
        String prefix = "@sendmsg-vt-" + ProcessHandle.current().pid() + "-";
        List<UnixChannel> channels = new ArrayList<>(waiters);
        for (int i = 0; i < waiters; i++) {
            channels.add(UnixChannel.openDatagram(UnixAddress.of(prefix + i)));
        }
        AtomicInteger received = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        List<Thread> threads = new ArrayList<>(waiters);
        long parkStart = System.nanoTime();
        for (UnixChannel channel : channels) {
            threads.add(Thread.ofVirtual().start(() -> {
                try (Received message = channel.receive(ByteBuffer.allocate(8), 1)) {
                    if (message.bytes() == 1) {
                        received.incrementAndGet();
                    }
                    lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                } catch (Exception e) {
                    failed.incrementAndGet();
                    e.printStackTrace();
                }
            }));
        }
        // Every waiter parked: a virtual thread waiting on the poller shows as WAITING.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (threads.stream().anyMatch(t -> t.getState() != Thread.State.WAITING) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long parked = threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count();
        long parkMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - parkStart);

        // While they all wait: a probe that sleeps ten times 10 ms must finish in about 100 ms.
        long probeStart = System.nanoTime();
        Thread probe = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 10; i++) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        probe.join(TimeUnit.SECONDS.toMillis(10));
        long probeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - probeStart);
        String mounted = scheduler("MountedVirtualThreadCount");
        String poolSize = scheduler("PoolSize");
        String parallelism = scheduler("Parallelism");

        // Release them all: one datagram each, from one platform thread.
        long releaseStart = System.nanoTime();
        try (UnixChannel sender = UnixChannel.openDatagram(null)) {
            ByteBuffer one = ByteBuffer.allocateDirect(1);
            for (int i = 0; i < waiters; i++) {
                one.clear();
                sender.send(one, UnixAddress.of(prefix + i));
            }
        }
        long sendMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - releaseStart);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        long releaseMillis = TimeUnit.NANOSECONDS.toMillis(lastDone.get() - releaseStart);
        for (UnixChannel channel : channels) {
            channel.close();
        }
        long leaked = openCount() - openBefore - pollers();
        System.out.println("waiters=" + waiters + " parked=" + parked + " parkMs=" + parkMillis + " probeAlive=" + probe.isAlive()
                + " probeMs=" + probeMillis + " mounted=" + mounted + " poolSize=" + poolSize + " parallelism=" + parallelism
                + " received=" + received.get() + " failed=" + failed.get() + " sendMs=" + sendMillis
                + " releaseMs=" + releaseMillis + " leaked=" + leaked);
    }

    /** An attribute of the JDK 24+ virtual thread scheduler bean, or "n/a" where there is none. */
    private static String scheduler(String attribute) {
        try {
            return String.valueOf(ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("jdk.management:type=VirtualThreadScheduler"), attribute));
        } catch (Exception absent) {
            return "n/a";
        }
    }

    private static long openCount() throws Exception {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }

    /** The epoll instances made on first use (the JDK's and the library's), which live as long as the process. */
    private static long pollers() throws Exception {
        long count = 0;
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            for (Path entry : entries.toList()) {
                try {
                    if (Files.readSymbolicLink(entry).toString().equals("anon_inode:[eventpoll]")) {
                        count++;
                    }
                } catch (Exception gone) {
                    // the listing's own descriptor
                }
            }
        }
        return count;
    }
}
