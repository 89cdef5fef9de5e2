package io.github.sendmsg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many platform and virtual threads at once, on separate and shared sockets: the pooled scratch
 * memory never carries one call's bytes into another's, records are never torn, and each descriptor
 * arrives with the record it was sent with. Blocking receives here always find data queued (or use
 * {@code MSG_DONTWAIT}), because a virtual thread blocked in a native call holds its carrier.
 */
@ExtendWith(NoFdLeaks.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConcurrencyTest {

    private static final int PLATFORM_THREADS = 8;
    private static final int VIRTUAL_THREADS = 200;

    @FunctionalInterface
    interface Work {
        void run(int id) throws Exception;
    }

    private static void onEveryThread(int platform, int virtual, Work work) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService platformThreads = Executors.newFixedThreadPool(platform);
             ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int id = 0; id < platform + virtual; id++) {
                int me = id;
                ExecutorService on = id < platform ? platformThreads : virtualThreads;
                done.add(on.submit(() -> {
                    work.run(me);
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(90, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void threadsOnTheirOwnSocketsNeverSeeEachOthersBytesOrDescriptors() throws Exception {
        AtomicInteger roundTrips = new AtomicInteger();
        onEveryThread(PLATFORM_THREADS, VIRTUAL_THREADS, id -> {
            int[] pair = Posix.socketpair();
            int[] pipe = Posix.pipe();
            SplittableRandom random = new SplittableRandom(id);
            try {
                for (int i = 0; i < 50; i++) {
                    // Sizes on both sides of the scratch buffers' first size, so they grow under load.
                    byte[] payload = new byte[1 + random.nextInt(20_000)];
                    random.nextBytes(payload);
                    payload[0] = (byte) id;
                    SendMsg.send1msg(pair[0], payload, 0, List.of(ControlMessage.rights(pipe[1])));
                    // A stream read stops after the chunk that carried descriptors: read on until all arrived.
                    ReceivedMessage message = SendMsg.recvmsg(pair[1], payload.length, 64, SendMsg.MSG_WAITALL);
                    int[] fds = message.fileDescriptors();
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    bytes.writeBytes(message.data());
                    while (bytes.size() < payload.length) {
                        ReceivedMessage rest = SendMsg.recvmsg(pair[1], payload.length - bytes.size(), 64, SendMsg.MSG_WAITALL);
                        assertThat(rest.fileDescriptors()).as("no descriptor after the first byte").isEmpty();
                        bytes.writeBytes(rest.data());
                    }
                    try {
                        assertThat(bytes.toByteArray()).as("thread %d, message %d: its own bytes", id, i).isEqualTo(payload);
                        assertThat(fds).hasSize(1);
                        assertThat(Fds.target(fds[0])).as("its own pipe").isEqualTo(Fds.target(pipe[1]));
                    } finally {
                        Fds.closeAll(fds);
                    }
                    roundTrips.incrementAndGet();
                }
            } finally {
                Fds.closeAll(pair);
                Fds.closeAll(pipe);
            }
        });
        assertThat(roundTrips.get()).isEqualTo((PLATFORM_THREADS + VIRTUAL_THREADS) * 50);
        DescriptorSoakTest.figure("concurrency-separate", String.format("%d platform + %d virtual threads, %,d descriptor"
                + " round trips of 1-20,000 bytes each on their own sockets: every byte and descriptor where it belonged",
                PLATFORM_THREADS, VIRTUAL_THREADS, roundTrips.get()));
    }

    @Test
    void recordsOnASharedSeqpacketSocketAreNeverTornAndKeepTheirDescriptors() throws Exception {
        int senders = 4 + 16;
        int perSender = 100;
        int[] pair = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_SEQPACKET);
        int[][] pipes = new int[senders][];
        for (int s = 0; s < senders; s++) {
            pipes[s] = Posix.pipe();
        }
        Map<String, String> received = new ConcurrentHashMap<>();
        AtomicInteger remaining = new AtomicInteger(senders * perSender);
        try {
            List<Future<?>> done = new ArrayList<>();
            try (ExecutorService platformThreads = Executors.newFixedThreadPool(4 + 4);
                 ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int r = 0; r < 4; r++) {
                    done.add(platformThreads.submit(() -> {
                        while (remaining.get() > 0) {
                            ReceivedMessage message;
                            try {
                                message = SendMsg.recv1msg(pair[1], 4096, SendMsg.MSG_DONTWAIT);
                            } catch (ErrnoException empty) {
                                Thread.onSpinWait();
                                continue;
                            }
                            int[] fds = message.fileDescriptors();
                            String record = new String(message.data(), StandardCharsets.US_ASCII);
                            received.put(record, fds.length == 1 ? Fds.target(fds[0]) : "fds=" + fds.length);
                            Fds.closeAll(fds);
                            remaining.decrementAndGet();
                        }
                        return null;
                    }));
                }
                for (int s = 0; s < senders; s++) {
                    int sender = s;
                    ExecutorService on = s < 4 ? platformThreads : virtualThreads;
                    done.add(on.submit(() -> {
                        for (int i = 0; i < perSender; i++) {
                            String record = "sender " + sender + " record " + i + " " + "x".repeat(sender * 50);
                            SendMsg.send1msg(pair[0], record.getBytes(StandardCharsets.US_ASCII), 0,
                                    List.of(ControlMessage.rights(pipes[sender][0])));
                        }
                        return null;
                    }));
                }
                for (Future<?> each : done) {
                    each.get(90, TimeUnit.SECONDS);
                }
            }
            assertThat(received).as("every record arrived once").hasSize(senders * perSender);
            for (int s = 0; s < senders; s++) {
                for (int i = 0; i < perSender; i++) {
                    String record = "sender " + s + " record " + i + " " + "x".repeat(s * 50);
                    assertThat(received.get(record)).as("record %d of sender %d, whole, with its sender's pipe", i, s)
                            .isEqualTo(Fds.target(pipes[s][0]));
                }
            }
            DescriptorSoakTest.figure("concurrency-shared", String.format("%d senders (4 platform, 16 virtual) and 4 receivers"
                    + " on one SOCK_SEQPACKET pair: %,d records, none torn, each with its own sender's descriptor",
                    senders, received.size()));
        } finally {
            Fds.closeAll(pair);
            for (int[] pipe : pipes) {
                Fds.closeAll(pipe);
            }
        }
    }
}
