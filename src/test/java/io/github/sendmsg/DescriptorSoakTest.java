package io.github.sendmsg;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Leak proofs: descriptor round trips across every receive path, with the open-descriptor count and
 * the native memory the JVM tracks (NMT) compared before and after. The default run makes at least 10,000
 * round trips; {@code ./mvnw -Psoak test} makes at least 1,000,000. Figures go to standard output and
 * {@code target/reliability/figures.txt}.
 */
class DescriptorSoakTest {

    private static final int FDS_PER_MESSAGE = 4;
    /** The receive paths each iteration of the loop takes in turn. */
    private static final int PATHS = 8;

    // edge cases 10, 12, 18, 27 (a receive that fails after the call closes what arrived)
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void tenThousandRoundTripsAcrossEveryReceivePathLeaveNothingOpen() throws Exception {
        soak(10_000, 4);
    }

    @Test
    @Tag("soak")
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void aMillionRoundTripsAcrossEveryReceivePathLeaveNothingOpen() throws Exception {
        soak(1_000_000, 4);
    }

    private static void soak(long roundTrips, long nativeGrowthLimitMiB) throws Exception {
        int[] stream = Posix.socketpair();
        int[] datagrams = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        int[] pipe = Posix.pipe();
        int[] sent = {pipe[0], pipe[1], pipe[0], pipe[1]};
        try (Arena arena = Arena.ofConfined();
             NativeMessage sender = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(4 * FDS_PER_MESSAGE));
             NativeMessage receiver = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(4 * FDS_PER_MESSAGE));
             MessageBatch batch = MessageBatch.allocate(2, 1, SendMsg.CMSG_SPACE(4 * FDS_PER_MESSAGE))) {
            MemorySegment buffer = arena.allocate(16);
            sender.setBuffer(buffer).addRights(sent);
            receiver.setBuffer(buffer);
            for (int i = 0; i < 2; i++) {
                batch.message(i).setBuffer(arena.allocate(16));
            }
            Loop loop = new Loop(stream, datagrams, sent, sender, receiver, batch);

            // Warm up first, so the JIT and the scratch pool have settled before memory is measured.
            loop.run(2_000);
            loop.sentFds = 0;
            loop.receivedFds = 0;
            loop.peekedFds = 0;
            nativeKiB();  // the first jcmd starts the JVM's attach listener, a socket of its own
            int fdsBefore = Fds.openCount();
            long started = System.nanoTime();
            long iterations = (roundTrips + FDS_PER_MESSAGE - 1) / FDS_PER_MESSAGE;
            // Memory is compared from a tenth of the way in, once the scratch pool has grown to its
            // working size: NMT's count of native allocations is what a leak would move.
            loop.run(iterations / 10);
            long nativeBefore = nativeKiB();
            long rssBefore = rssKiB();
            loop.run(iterations - iterations / 10);
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            int fdsAfter = Fds.openCount();
            long nativeAfter = nativeKiB();
            long rssAfter = rssKiB();

            figure("soak-" + roundTrips, String.format(
                    "%,d descriptors sent over %d receive paths in %d s: %,d received and closed (%,d of them extra copies from"
                            + " MSG_PEEK), %,d closed by the kernel on truncation or by the library when a receive failed after the call; open descriptors %d before, %d after;"
                            + " RSS %,d KiB before, %,d KiB after; native memory (NMT Other, committed) %,d KiB before, %,d KiB after",
                    loop.sentFds, PATHS, seconds, loop.receivedFds, loop.peekedFds,
                    loop.sentFds + loop.peekedFds - loop.receivedFds,
                    fdsBefore, fdsAfter, rssBefore, rssAfter, nativeBefore, nativeAfter));
            assertThat(loop.sentFds).as("descriptors sent").isGreaterThanOrEqualTo(roundTrips);
            assertThat(fdsAfter).as("open descriptors after %,d round trips", loop.sentFds).isEqualTo(fdsBefore);
            assertThat(nativeAfter - nativeBefore).as("growth of native memory (NMT Other), in KiB")
                    .isLessThan(nativeGrowthLimitMiB * 1024);
        } finally {
            Fds.closeAll(stream);
            Fds.closeAll(datagrams);
            Fds.closeAll(pipe);
        }
    }

    /** One pass over the receive paths per iteration; counts what it sends and receives. */
    private static final class Loop {
        private final int[] stream;
        private final int[] datagrams;
        private final List<ControlMessage> rights;
        private final NativeMessage sender;
        private final NativeMessage receiver;
        private final MessageBatch batch;
        long sentFds;
        long receivedFds;
        /** Extra copies MSG_PEEK installed, received and closed on top of the ones sent. */
        long peekedFds;

        Loop(int[] stream, int[] datagrams, int[] fds, NativeMessage sender, NativeMessage receiver, MessageBatch batch) {
            this.stream = stream;
            this.datagrams = datagrams;
            this.rights = List.of(ControlMessage.rights(fds));
            this.sender = sender;
            this.receiver = receiver;
            this.batch = batch;
        }

        void run(long iterations) throws Exception {
            for (long i = 0; i < iterations; i++) {
                switch ((int) (i % PATHS)) {
                    case 0 -> {
                        send();
                        received(SendMsg.recv1msg(stream[1], 64));
                    }
                    // Truncation at every control-buffer size from none to just too small for 4.
                    case 1 -> {
                        send();
                        received(SendMsg.recv1msg(stream[1], 64, 0, (int) (i / PATHS % 16)));
                    }
                    case 2 -> {
                        send();
                        int[] peeked = SendMsg.recv1msg(stream[1], 64, SendMsg.MSG_PEEK).fileDescriptors();
                        closeAll(peeked);
                        peekedFds += peeked.length;
                        received(SendMsg.recv1msg(stream[1], 64));
                    }
                    case 3 -> {
                        sent(SendMsg.sendmsg(stream[0], new ByteBuffer[] {ByteBuffer.wrap(new byte[] {7})}, rights, 0));
                        closeAll(SendMsg.recvmsg(stream[1], new ByteBuffer[] {ByteBuffer.allocate(8)}, 64, 0).fileDescriptors());
                    }
                    case 4 -> {
                        sender.send(stream[0], 0);
                        sentFds += FDS_PER_MESSAGE;
                        receiver.receive(stream[1], 0);
                        for (int k = 0; k < receiver.fileDescriptorCount(); k++) {
                            Posix.close(receiver.fileDescriptor(k));
                            receivedFds++;
                        }
                    }
                    case 5 -> batchRoundTrip();
                    case 6 -> {
                        // An error after the system call: the library must close the frame's descriptors.
                        Frames.send(stream[0], new byte[100], rights);
                        sentFds += FDS_PER_MESSAGE;
                        assertThatThrownBy(() -> Frames.receive(stream[1], 10)).isInstanceOf(IOException.class);
                        drain(stream[1]);
                    }
                    case 7 -> callerThrowsAfterReceiving();
                    default -> throw new AssertionError();
                }
            }
        }

        private void send() throws ErrnoException {
            sent(SendMsg.send1msg(stream[0], new byte[] {1}, 0, rights));
        }

        private void sent(long bytes) {
            assertThat(bytes).isEqualTo(1);
            sentFds += FDS_PER_MESSAGE;
        }

        private void received(ReceivedMessage message) throws ErrnoException {
            int[] fds = message.fileDescriptors();
            assertThat(fds.length).isLessThanOrEqualTo(FDS_PER_MESSAGE);
            closeAll(fds);
        }

        private void closeAll(int[] fds) throws ErrnoException {
            for (int fd : fds) {
                Posix.close(fd);
                receivedFds++;
            }
        }

        private void batchRoundTrip() throws ErrnoException {
            for (int m = 0; m < 2; m++) {
                batch.message(m).clearControl().add(rights.getFirst());
            }
            assertThat(batch.send(datagrams[0], 2, 0)).isEqualTo(2);
            sentFds += 2L * FDS_PER_MESSAGE;
            int received = batch.receive(datagrams[1], 2, MessageBatch.MSG_WAITFORONE);
            for (int m = 0; m < received; m++) {
                closeAll(batch.message(m).fileDescriptors());
            }
            if (received < 2) {
                closeAll(SendMsg.recv1msg(datagrams[1], 64).fileDescriptors());
            }
        }

        /** The caller's own code throws after a receive; its finally block is what keeps nothing lost. */
        private void callerThrowsAfterReceiving() throws ErrnoException {
            send();
            int[] fds = new int[0];
            try {
                fds = SendMsg.recv1msg(stream[1], 64).fileDescriptors();
                throw new IllegalStateException("the caller's own code failed");
            } catch (IllegalStateException expected) {
                // The caller's failure; its descriptors are closed below either way.
            } finally {
                closeAll(fds);
            }
        }

        private void drain(int fd) throws ErrnoException {
            while (true) {
                try {
                    closeAll(SendMsg.recv1msg(fd, 1 << 12, SendMsg.MSG_DONTWAIT).fileDescriptors());
                } catch (ErrnoException empty) {
                    return;
                }
            }
        }
    }

    /**
     * Native memory allocated outside the JVM's own structures (NMT's "Other" category, where FFM
     * arenas allocate), committed, in KiB, as {@code jcmd VM.native_memory} reports it. The build
     * runs the tests with {@code -XX:NativeMemoryTracking=summary}.
     */
    static long nativeKiB() throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                "VM.native_memory", "summary").redirectErrorStream(true).start();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Fds.closePipes(process);
        Matcher other = Pattern
                .compile("-\\s+Other \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)").matcher(report);
        assertThat(other.find()).as("NMT's Other category in:%n%s", report).isTrue();
        return Long.parseLong(other.group(2));
    }

    static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** Prints a figure for the reliability page and appends it to target/reliability/figures.txt. */
    static void figure(String name, String text) throws IOException {
        String line = "FIGURE " + name + ": " + text;
        System.out.println(line);
        Path file = Path.of(System.getProperty("basedir", "."), "target", "reliability", "figures.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
