package io.github.sendmsg;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The bad-input table of {@code docs/reliability.md}: every row is a case run here, and the table in
 * the doc is rendered from these rows ({@link #theReliabilityDocShowsExactlyTheseCases()} fails when
 * they differ; {@code -Dreliability.write=true} rewrites it).
 *
 * <p>Each case runs on a fresh stream socket pair and checks: the exact exception (class and message
 * fragment, or the errno name and the call), that nothing reached the peer when the case fails before
 * the system call, that the pair still carries a round trip, and that no socket or pipe was left open.
 */
class BadInputCasesTest {

    private static final Path DOC = Path.of(System.getProperty("basedir", "."), "docs", "reliability.md");
    private static final String BEGIN = "<!-- bad-input-table:begin -->";
    private static final String END = "<!-- bad-input-table:end -->";

    /** A socket pair and a pipe for one case; cases that close one of them mark it -1. */
    static final class Fixture {
        int a;
        int b;
        final int[] pipe;
        final List<Integer> extra = new ArrayList<>();

        Fixture() throws ErrnoException {
            int[] pair = Posix.socketpair();
            a = pair[0];
            b = pair[1];
            pipe = Posix.pipe();
        }

        int closedA() throws ErrnoException {
            int closed = a;
            Posix.close(a);
            a = -1;
            return closed;
        }

        int closedB() throws ErrnoException {
            int closed = b;
            Posix.close(b);
            b = -1;
            return closed;
        }

        int keep(int fd) {
            extra.add(fd);
            return fd;
        }

        void close() {
            Fds.closeAll(a, b, pipe[0], pipe[1]);
            extra.forEach(Fds::closeAll);
        }
    }

    @FunctionalInterface
    interface Action {
        void run(Fixture f) throws Exception;
    }

    /** What happens afterwards, beyond "no descriptor left open". */
    enum After {
        NOTHING_SENT("nothing sent; pair still works"),
        PAIR_WORKS("pair still works"),
        PEER_GONE("peer closed; no signal, JVM alive"),
        SOCKET_CLOSED("socket stays closed");

        final String text;

        After(String text) {
            this.text = text;
        }
    }

    record Case(String call, String input, Class<? extends Throwable> thrown, String detail, After after, Action action) {
        String outcome() {
            if (thrown == null) {
                return detail;
            }
            if (thrown == ErrnoException.class) {
                return "`ErrnoException` " + detail;
            }
            return "`" + thrown.getSimpleName() + "`" + (detail.isEmpty() ? "" : " \"" + detail + "\"");
        }
    }

    private static Case refused(String call, String input, Class<? extends Throwable> thrown, String fragment, Action action) {
        return new Case(call, input, thrown, fragment, After.NOTHING_SENT, action);
    }

    /** {@code errno} is like {@code "EBADF from sendmsg"}. */
    private static Case failsWith(String call, String input, String errno, After after, Action action) {
        return new Case(call, input, ErrnoException.class, errno, after, action);
    }

    private static final byte[] ONE = {1};

    static List<Case> cases() {
        return List.of(
                refused("SendMsg.send1msg", "data is null", NullPointerException.class, "data",
                        f -> SendMsg.send1msg(f.a, null)),
                refused("SendMsg.send1msg", "fd is -1", IllegalArgumentException.class, "must be >= 0, not -1",
                        f -> SendMsg.send1msg(-1, ONE)),
                refused("SendMsg.send1msg", "ancillary is null", NullPointerException.class, "ancillary",
                        f -> SendMsg.send1msg(f.a, ONE, 0, null)),
                refused("SendMsg.send1msg", "a null item in ancillary", NullPointerException.class, "an item of ancillary is null",
                        f -> SendMsg.send1msg(f.a, ONE, 0, Arrays.asList((ControlMessage) null))),
                refused("SendMsg.send1msg", "SCM_RIGHTS data of 3 bytes", IllegalArgumentException.class, "whole 4-byte ints",
                        f -> SendMsg.send1msg(f.a, ONE, 0, List.of(rightsBytes(3)))),
                refused("SendMsg.send1msg", "SCM_RIGHTS data of 5 bytes", IllegalArgumentException.class, "whole 4-byte ints",
                        f -> SendMsg.send1msg(f.a, ONE, 0, List.of(rightsBytes(5)))),
                refused("SendMsg.send1msg", "SCM_RIGHTS data holding -1", IllegalArgumentException.class, "negative descriptor: -1",
                        f -> SendMsg.send1msg(f.a, ONE, 0, List.of(new ControlMessage(1, 1, new byte[] {-1, -1, -1, -1})))),
                refused("ControlMessage.rights", "254 descriptors", IllegalArgumentException.class, "at most 253",
                        f -> ControlMessage.rights(new int[254])),
                refused("SendMsg.send1msg", "200 + 200 descriptors in two messages", IllegalArgumentException.class, "not 400",
                        f -> SendMsg.send1msg(f.a, ONE, 0, List.of(rightsOf(f.pipe[0], 200), rightsOf(f.pipe[0], 200)))),
                refused("SendMsg.send1msg", "0 bytes with a descriptor on a stream", IllegalArgumentException.class,
                        "at least one byte", f -> SendMsg.send1msg(f.a, new byte[0], 0, List.of(ControlMessage.rights(f.pipe[0])))),
                failsWith("SendMsg.send1msg", "a closed socket", "EBADF from sendmsg", After.PAIR_WORKS,
                        f -> SendMsg.send1msg(f.closedA(), ONE)),
                failsWith("SendMsg.send1msg", "a closed socket, with ancillary data", "EBADF from sendmsg", After.PAIR_WORKS,
                        f -> SendMsg.send1msg(f.closedA(), ONE, 0, List.of(new ControlMessage(0, 0, "0123".getBytes())))),
                failsWith("SendMsg.send1msg", "fd 99999, never opened", "EBADF from sendmsg", After.NOTHING_SENT,
                        f -> SendMsg.send1msg(99999, ONE)),
                failsWith("SendMsg.send1msg", "a pipe instead of a socket", "ENOTSOCK from sendmsg", After.NOTHING_SENT,
                        f -> SendMsg.send1msg(f.pipe[1], ONE)),
                failsWith("SendMsg.send1msg", "a closed descriptor inside SCM_RIGHTS", "EBADF from sendmsg", After.NOTHING_SENT,
                        f -> SendMsg.send1msg(f.a, ONE, 0, List.of(ControlMessage.rights(f.pipe[0], closedNumber(f))))),
                failsWith("SendMsg.send1msg", "an unknown SOL_SOCKET type (99)", "EINVAL from sendmsg", After.NOTHING_SENT,
                        f -> SendMsg.send1msg(f.a, ONE, 0, List.of(new ControlMessage(SendMsg.SOL_SOCKET, 99, new byte[4])))),
                failsWith("SendMsg.send1msg", "200,000 bytes of control data (over optmem_max)", "ENOBUFS from sendmsg",
                        After.NOTHING_SENT, f -> SendMsg.send1msg(f.a, ONE, 0, List.of(new ControlMessage(0, 0, new byte[200_000])))),
                failsWith("SendMsg.send1msg", "the peer closed", "EPIPE from sendmsg", After.PEER_GONE,
                        f -> {
                            f.closedB();
                            SendMsg.send1msg(f.a, ONE);
                        }),
                failsWith("SendMsg.sendmsg(ByteBuffer[])", "an address on a connected stream", "EISCONN from sendmsg",
                        After.NOTHING_SENT, f -> SendMsg.sendmsg(f.a, new ByteBuffer[] {ByteBuffer.wrap(ONE)}, List.of(), 0, "@nowhere")),
                failsWith("SendMsg.send1msg", "SCM_RIGHTS on an unconnected TCP socket", "EPIPE from sendmsg", After.NOTHING_SENT,
                        f -> SendMsg.send1msg(f.keep(Posix.socket(SendMsg.AF_INET, SendMsg.SOCK_STREAM)), ONE, 0,
                                List.of(ControlMessage.rights(f.pipe[0])))),
                refused("SendMsg.recv1msg", "maxSize is -1", IllegalArgumentException.class, "maxSize must be >= 0, not -1",
                        f -> SendMsg.recv1msg(f.b, -1)),
                refused("SendMsg.recv1msg", "cmsgSize is -1", IllegalArgumentException.class, "cmsgSize must be >= 0, not -1",
                        f -> SendMsg.recv1msg(f.b, 10, 0, -1)),
                refused("SendMsg.recv1msg", "cmsgSize 0x7FFFFFFF (CMSG_SPACE overflows)", IllegalArgumentException.class,
                        "must not exceed 0x7FFFFFFF", f -> SendMsg.recv1msg(f.b, 10, 0, 0x7FFFFFFF)),
                failsWith("SendMsg.recv1msg", "a closed socket", "EBADF from recvmsg", After.SOCKET_CLOSED,
                        f -> SendMsg.recv1msg(f.closedB())),
                failsWith("SendMsg.recv1msg", "a pipe instead of a socket", "ENOTSOCK from recvmsg", After.NOTHING_SENT,
                        f -> SendMsg.recv1msg(f.pipe[0])),
                failsWith("SendMsg.recv1msg", "MSG_DONTWAIT with nothing queued", "EAGAIN from recvmsg", After.NOTHING_SENT,
                        f -> SendMsg.recv1msg(f.b, 10, SendMsg.MSG_DONTWAIT)),
                new Case("SendMsg.recv1msg", "the peer closed", null, "returns empty data, flags 0, no ancillary data",
                        After.PEER_GONE, f -> {
                            f.closedA();
                            ReceivedMessage eof = SendMsg.recv1msg(f.b);
                            assertThat(eof).isEqualTo(new ReceivedMessage(new byte[0], 0, List.of()));
                        }),
                refused("SendMsg.CMSG_LEN", "n is -1", IllegalArgumentException.class, "n must be >= 0",
                        f -> SendMsg.CMSG_LEN(-1)),
                refused("SendMsg.CMSG_SPACE", "n is Integer.MAX_VALUE", IllegalArgumentException.class, "does not fit in an int",
                        f -> SendMsg.CMSG_SPACE(Integer.MAX_VALUE)),
                failsWith("SendMsg.getSocketFamily", "a pipe", "ENOTSOCK from getsockname", After.NOTHING_SENT,
                        f -> SendMsg.getSocketFamily(f.pipe[0])),
                failsWith("SendMsg.getSocketFamily", "a closed socket", "EBADF from getsockname", After.SOCKET_CLOSED,
                        f -> SendMsg.getSocketFamily(f.closedA())),
                failsWith("SendMsg.setPassCredentials", "a pipe", "ENOTSOCK from setsockopt(SO_PASSCRED)", After.NOTHING_SENT,
                        f -> SendMsg.setPassCredentials(f.pipe[0], true)),
                refused("Posix.bind", "path is null", NullPointerException.class, "path",
                        f -> Posix.bind(f.keep(unixSocket()), null)),
                refused("Posix.bind", "an empty path", IllegalArgumentException.class, "must not be empty",
                        f -> Posix.bind(f.keep(unixSocket()), "")),
                refused("Posix.bind", "a path holding NUL", IllegalArgumentException.class, "must not contain NUL",
                        f -> Posix.bind(f.keep(unixSocket()), "a\0b")),
                refused("Posix.bind", "a 108-byte path", IllegalArgumentException.class, "takes at most 107 bytes",
                        f -> Posix.bind(f.keep(unixSocket()), "/" + "p".repeat(107))),
                refused("Posix.bind", "a 108-byte abstract name", IllegalArgumentException.class, "takes at most 107 bytes",
                        f -> Posix.bind(f.keep(unixSocket()), "@" + "n".repeat(108))),
                failsWith("Posix.bind", "a name already bound", "EADDRINUSE from bind", After.NOTHING_SENT,
                        f -> {
                            String name = "@sendmsg-bad-input-" + ProcessHandle.current().pid();
                            Posix.bind(f.keep(unixSocket()), name);
                            Posix.bind(f.keep(unixSocket()), name);
                        }),
                failsWith("Posix.connect", "a path that does not exist", "ENOENT from connect", After.NOTHING_SENT,
                        f -> Posix.connect(f.keep(unixSocket()), "/nonexistent/sendmsg.sock")),
                failsWith("Posix.connect", "an abstract name nobody listens on", "ECONNREFUSED from connect", After.NOTHING_SENT,
                        f -> Posix.connect(f.keep(unixSocket()), "@sendmsg-nobody-" + System.nanoTime())),
                failsWith("Posix.accept", "a socket that is not listening", "EINVAL from accept4", After.NOTHING_SENT,
                        f -> Posix.accept(f.keep(unixSocket()))),
                failsWith("Posix.listen", "a pipe", "ENOTSOCK from listen", After.NOTHING_SENT,
                        f -> Posix.listen(f.pipe[0], 1)),
                failsWith("Posix.socketpair", "AF_INET, which Linux cannot pair", "EOPNOTSUPP from socketpair", After.NOTHING_SENT,
                        f -> Posix.socketpair(SendMsg.AF_INET, SendMsg.SOCK_STREAM)),
                refused("Posix.read", "max is -1", IllegalArgumentException.class, "max must be >= 0, not -1",
                        f -> Posix.read(f.pipe[0], -1)),
                failsWith("Posix.read", "a closed descriptor", "EBADF from read", After.SOCKET_CLOSED,
                        f -> Posix.read(f.closedA(), 10)),
                refused("Posix.write", "data is null", NullPointerException.class, "data",
                        f -> Posix.write(f.pipe[1], null)),
                failsWith("Posix.close", "a descriptor closed already", "EBADF from close", After.SOCKET_CLOSED,
                        f -> Posix.close(f.closedA())),
                refused("SendMsg.sendmsg(ByteBuffer[])", "1025 buffers", IllegalArgumentException.class, "at most 1024 buffers",
                        f -> SendMsg.sendmsg(f.a, new ByteBuffer[1025], List.of(), 0)),
                refused("SendMsg.sendmsg(ByteBuffer[])", "a null buffer", NullPointerException.class, "buffers[1] is null",
                        f -> SendMsg.sendmsg(f.a, new ByteBuffer[] {ByteBuffer.wrap(ONE), null}, List.of(), 0)),
                refused("SendMsg.sendmsg(MemorySegment[])", "a segment whose arena is closed", IllegalStateException.class,
                        "buffers[0] belongs to an arena that is closed", f -> {
                            Arena arena = Arena.ofConfined();
                            MemorySegment freed = arena.allocate(4);
                            arena.close();
                            SendMsg.sendmsg(f.a, new MemorySegment[] {freed}, List.of(), 0);
                        }),
                refused("SendMsg.recvmsg(ByteBuffer[])", "a direct buffer of a closed arena", IllegalStateException.class,
                        "buffers[0] belongs to an arena that is closed", f -> {
                            Arena arena = Arena.ofShared();
                            ByteBuffer freed = arena.allocate(4).asByteBuffer();
                            arena.close();
                            SendMsg.recvmsg(f.b, new ByteBuffer[] {freed}, 0, SendMsg.MSG_DONTWAIT);
                        }),
                refused("SendMsg.recvmsg(ByteBuffer[])", "a read-only buffer", ReadOnlyBufferException.class, "",
                        f -> SendMsg.recvmsg(f.b, new ByteBuffer[] {ByteBuffer.allocate(4).asReadOnlyBuffer()}, 0, 0)),
                refused("NativeMessage.allocate", "maxBuffers 0", IllegalArgumentException.class, "maxBuffers must be 1 to 1024",
                        f -> NativeMessage.allocate(0, 0)),
                refused("NativeMessage.setBuffer", "a heap segment", IllegalArgumentException.class, "must be native memory",
                        f -> {
                            try (NativeMessage m = NativeMessage.allocate(1, 0)) {
                                m.setBuffer(MemorySegment.ofArray(new byte[4]));
                            }
                        }),
                refused("NativeMessage.addRights", "a full control buffer", IllegalArgumentException.class, "the control buffer holds 24 bytes",
                        f -> {
                            try (NativeMessage m = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(4))) {
                                m.addRights(f.pipe[0]).addRights(f.pipe[1]);
                            }
                        }),
                refused("NativeMessage.addRights", "a 254th descriptor", IllegalArgumentException.class, "at most 253",
                        f -> {
                            try (NativeMessage m = NativeMessage.allocate(1, 254 * SendMsg.CMSG_SPACE(4))) {
                                for (int i = 0; i < 254; i++) {
                                    m.addRights(f.pipe[0]);
                                }
                            }
                        }),
                refused("NativeMessage.send", "a closed message", IllegalStateException.class, "",
                        f -> {
                            NativeMessage m = NativeMessage.allocate(1, 0);
                            m.close();
                            m.send(f.a, 0);
                        }),
                refused("NativeMessage.send", "a buffer whose arena was closed", IllegalStateException.class, "was freed",
                        f -> {
                            try (NativeMessage m = NativeMessage.allocate(1, 0)) {
                                Arena arena = Arena.ofConfined();
                                m.setBuffer(arena.allocate(4));
                                arena.close();
                                m.send(f.a, 0);
                            }
                        }),
                refused("MessageBatch.send", "count 0", IllegalArgumentException.class, "count must be 1 to 2, not 0",
                        f -> {
                            try (MessageBatch batch = MessageBatch.allocate(2, 1, 0)) {
                                batch.send(f.a, 0, 0);
                            }
                        }),
                new Case("Frames.receive", "a frame longer than maxPayload, carrying a descriptor", IOException.class,
                        "longer than maxPayload", After.PAIR_WORKS, f -> {
                            Frames.send(f.a, new byte[100], List.of(ControlMessage.rights(f.pipe[0])));
                            Frames.receive(f.b, 10);
                        }),
                refused("Credentials.decode", "11 bytes", IllegalArgumentException.class, "12 bytes, not 11",
                        f -> Credentials.decode(new byte[11])),
                refused("ControlMessage.fileDescriptors", "an SCM_CREDENTIALS message", IllegalStateException.class,
                        "not an SCM_RIGHTS message", f -> new ControlMessage(1, 2, new byte[12]).fileDescriptors()));
    }

    private static ControlMessage rightsBytes(int length) {
        return new ControlMessage(SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, new byte[length]);
    }

    private static ControlMessage rightsOf(int fd, int count) {
        int[] fds = new int[count];
        Arrays.fill(fds, fd);
        return ControlMessage.rights(fds);
    }

    private static int unixSocket() throws ErrnoException {
        return Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
    }

    /** A descriptor number that was open and is closed now (kept closed by the fixture). */
    private static int closedNumber(Fixture f) throws ErrnoException {
        int fd = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        Posix.close(fd);
        return fd;
    }

    // edge cases 4, 7, 8, 22 (unknown SOL_SOCKET type: EINVAL), 24 (ENOBUFS over optmem_max; sizes over 0x7FFFFFFF, negatives and nulls refused first), 26, 29, 30 (SCM_RIGHTS on TCP)
    @TestFactory
    Stream<DynamicTest> everyBadInputFailsAsTheTableSays() {
        List<Case> cases = cases();
        return java.util.stream.IntStream.range(0, cases.size()).mapToObj(i -> {
            Case c = cases.get(i);
            return DynamicTest.dynamicTest("#" + (i + 1) + " " + c.call() + ": " + c.input(), () -> run(c));
        });
    }

    private static void run(Case c) throws Exception {
        Map<Integer, String> before = socketsAndPipes();
        Fixture f = new Fixture();
        try {
            Throwable thrown = null;
            try {
                c.action().run(f);
            } catch (Throwable t) {
                thrown = t;
            }
            if (c.thrown() == null) {
                assertThat(thrown).as("%s with %s returns normally", c.call(), c.input()).isNull();
            } else if (thrown == null) {
                fail("%s with %s should throw %s", c.call(), c.input(), c.outcome());
            } else {
                assertThat(thrown).as("%s with %s", c.call(), c.input()).isInstanceOf(c.thrown());
                if (thrown instanceof ErrnoException e) {
                    assertThat(e.errnoName() + " from " + e.call()).isEqualTo(c.detail());
                } else {
                    assertThat(thrown.getMessage() == null ? "" : thrown.getMessage())
                            .as("the message of %s", thrown).contains(c.detail());
                }
            }
            checkAfter(c, f);
        } finally {
            f.close();
        }
        assertThat(socketsAndPipes()).as("no socket or pipe left open by %s with %s", c.call(), c.input()).isEqualTo(before);
    }

    private static void checkAfter(Case c, Fixture f) throws Exception {
        switch (c.after()) {
            case NOTHING_SENT -> {
                try {
                    ReceivedMessage unexpected = SendMsg.recv1msg(f.b, 1024, SendMsg.MSG_DONTWAIT);
                    Fds.closeAll(unexpected.fileDescriptors());
                    fail("nothing should have reached the peer, but %s did", unexpected);
                } catch (ErrnoException expected) {
                    assertThat(expected.errnoName()).as("the peer's queue is empty").isEqualTo("EAGAIN");
                }
                roundTrip(f);
            }
            case PAIR_WORKS -> {
                if (f.a >= 0 && f.b >= 0) {
                    drain(f.b);
                    roundTrip(f);
                }
            }
            case PEER_GONE -> assertThat(Runtime.getRuntime().availableProcessors()).as("the JVM is alive").isPositive();
            case SOCKET_CLOSED -> {
                // The case closed one end on purpose; what remains is checked by the descriptor count.
            }
        }
    }

    private static void roundTrip(Fixture f) throws ErrnoException {
        int from = f.a >= 0 ? f.a : f.b;
        int to = f.a >= 0 ? f.b : f.a;
        if (from < 0 || to < 0) {
            return;
        }
        SendMsg.send1msg(from, "after".getBytes());
        assertThat(new String(SendMsg.recv1msg(to, 1024).data(), StandardCharsets.US_ASCII))
                .as("the pair still carries a round trip").isEqualTo("after");
    }

    private static void drain(int fd) throws ErrnoException {
        while (true) {
            try {
                Fds.closeAll(SendMsg.recv1msg(fd, 1 << 16, SendMsg.MSG_DONTWAIT).fileDescriptors());
            } catch (ErrnoException empty) {
                return;
            }
        }
    }

    private static Map<Integer, String> socketsAndPipes() {
        Map<Integer, String> open = new TreeMap<>(Fds.open());
        open.values().removeIf(target -> !(target.startsWith("socket:") || target.startsWith("pipe:")));
        return open;
    }

    /** The Markdown table the doc shows, rendered from {@link #cases()}. */
    static String table() {
        StringBuilder table = new StringBuilder();
        table.append("| # | call | input | outcome | afterwards |\n|---|---|---|---|---|\n");
        List<Case> cases = cases();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            table.append("| ").append(i + 1).append(" | `").append(c.call()).append("` | ").append(c.input())
                    .append(" | ").append(c.outcome()).append(" | ").append(c.after().text).append("; no descriptor left open |\n");
        }
        table.append("\n").append(cases.size()).append(" cases, each run by `BadInputCasesTest`.\n");
        return table.toString();
    }

    @Test
    void theReliabilityDocShowsExactlyTheseCases() throws IOException {
        assertThat(cases()).as("the issue asks for at least 40 cases").hasSizeGreaterThanOrEqualTo(40);
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("%s has the marker %s", DOC, BEGIN).isNotNegative();
        assertThat(end).as("%s has the marker %s", DOC, END).isGreaterThan(begin);
        String expected = "\n" + table();
        String actual = doc.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("reliability.write")) {
            Files.writeString(DOC, doc.substring(0, begin + BEGIN.length()) + expected + doc.substring(end));
            return;
        }
        assertThat(actual).as("the bad-input table of %s is out of date: run"
                + " ./mvnw test -Dtest=BadInputCasesTest -Dreliability.write=true", DOC).isEqualTo(expected);
    }
}
