package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A sender's address that a receive reports, given back as a destination, reaches that sender: never
 * another socket. Abstract names are bytes (NUL inside, NUL padding, bytes that are not UTF-8); inet
 * senders are inet addresses, not garbled {@code AF_UNIX} paths. (Issue "Hardening", faults 4 and 5.)
 */
@ExtendWith(NoFdLeaks.class)
class SenderAddressTest {

    private static final String TAG = "sendmsg-test-" + ProcessHandle.current().pid() + "-";
    private final List<Integer> toClose = new ArrayList<>();

    @AfterEach
    void close() {
        toClose.forEach(Fds::closeAll);
    }

    private int datagramSocket(int family) throws ErrnoException {
        int fd = Posix.socket(family, SendMsg.SOCK_DGRAM);
        toClose.add(fd);
        return fd;
    }

    /** A receiver bound to "@TAG" + suffix. */
    private int receiver(String suffix) throws ErrnoException {
        int fd = datagramSocket(SendMsg.AF_UNIX);
        Posix.bind(fd, "@" + TAG + suffix);
        return fd;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends "ping" from {@code from} to {@code to}'s name, receives it with its sender's address. */
    private static ReceiveResult ping(int from, String toSuffix, int to) throws ErrnoException {
        RawCalls.sendToAbstract(from, ascii("ping"), ascii(TAG + toSuffix));
        return SendMsg.recvmsg(to, new ByteBuffer[] {ByteBuffer.allocate(16)}, 0, 0);
    }

    private static String receivedOn(int fd) throws ErrnoException {
        try {
            return new String(SendMsg.recv1msg(fd, 16, SendMsg.MSG_DONTWAIT).data(), StandardCharsets.US_ASCII);
        } catch (ErrnoException e) {
            assertThat(e.errnoName()).isEqualTo("EAGAIN");
            return null;
        }
    }

    private static void reply(int from, String to) throws ErrnoException {
        SendMsg.sendmsg(from, new ByteBuffer[] {ByteBuffer.wrap(ascii("pong"))}, List.of(), 0, to);
    }

    private static void reply(int from, SocketAddress to) throws ErrnoException {
        SendMsg.sendto(from, new ByteBuffer[] {ByteBuffer.wrap(ascii("pong"))}, List.of(), 0, to);
    }

    @Test
    void aReplyToAnAbstractNameThatIsNotUtf8ReachesItsSenderAndNoOtherSocket() throws Exception {
        int receiver = receiver("r1");
        int sender = datagramSocket(SendMsg.AF_UNIX);
        RawCalls.bindAbstract(sender, ascii(TAG + "\u00ff\u00fe"));          // bytes FF FE: not UTF-8
        int decoy = receiver("\uFFFD\uFFFD");                                // what a lossy decoding would name

        ReceiveResult from = ping(sender, "r1", receiver);
        reply(receiver, from.address());
        reply(receiver, from.sender());

        assertThat(receivedOn(decoy)).as("the socket a lossy String would name").isNull();
        assertThat(receivedOn(sender)).as("the String form reached the sender").isEqualTo("pong");
        assertThat(receivedOn(sender)).as("the exact address reached the sender").isEqualTo("pong");
        assertThat(((UnixAddress) from.sender()).name()).isEqualTo(ascii(TAG + "\u00ff\u00fe"));
        assertThat(from.sender()).hasToString("@" + TAG + "\\xff\\xfe");
    }

    @Test
    void anAbstractNameWithANulInsideRoundTrips() throws Exception {
        int receiver = receiver("r2");
        int sender = datagramSocket(SendMsg.AF_UNIX);
        int decoy = receiver("");                                            // the name cut at the NUL
        RawCalls.bindAbstract(sender, ascii(TAG + "\0inside"));

        ReceiveResult from = ping(sender, "r2", receiver);
        assertThat(from.address()).isEqualTo("@" + TAG + "\0inside");
        reply(receiver, from.address());

        assertThat(receivedOn(sender)).isEqualTo("pong");
        assertThat(receivedOn(decoy)).isNull();
        assertThat(from.sender()).hasToString("@" + TAG + "\\0inside");
    }

    @Test
    void aNamePaddedWithNulsByACProgramRoundTrips() throws Exception {
        int receiver = receiver("r3");
        int sender = datagramSocket(SendMsg.AF_UNIX);
        int decoy = receiver("padded");                                      // the name without its padding
        byte[] sunPath = Arrays.copyOf(ascii("\0" + TAG + "padded"), RawCalls.SOCKADDR_UN_SIZE - RawCalls.SUN_PATH_OFFSET);
        RawCalls.bind(sender, sunPath, RawCalls.SOCKADDR_UN_SIZE);            // addrlen = sizeof(struct sockaddr_un)

        ReceiveResult from = ping(sender, "r3", receiver);
        assertThat(((UnixAddress) from.sender()).sunPath()).as("all 108 bytes of sun_path are the name").isEqualTo(sunPath);
        reply(receiver, from.address());
        assertThat(receivedOn(sender)).isEqualTo("pong");
        reply(receiver, UnixAddress.ofSunPath(sunPath));
        assertThat(receivedOn(sender)).isEqualTo("pong");
        assertThat(receivedOn(decoy)).isNull();
    }

    @Test
    void aNativeMessageRepliesToTheAddressItReported() throws Exception {
        int receiver = receiver("r4");
        int sender = datagramSocket(SendMsg.AF_UNIX);
        RawCalls.bindAbstract(sender, ascii(TAG + "\u00ff\0x"));
        RawCalls.sendToAbstract(sender, ascii("ping"), ascii(TAG + "r4"));
        try (Arena arena = Arena.ofConfined(); NativeMessage message = NativeMessage.allocate(1, 0)) {
            MemorySegment buffer = arena.allocate(16);
            message.setBuffer(buffer).receive(receiver, 0);
            message.setBuffer(buffer.asSlice(0, 4)).setAddress(message.address()).send(receiver, 0);
            assertThat(receivedOn(sender)).isEqualTo("ping");
            message.setDestination(message.sender()).send(receiver, 0);
            assertThat(receivedOn(sender)).isEqualTo("ping");
        }
    }

    @Test
    void stringFormsAndExactAddressesAgree() {
        assertThat(UnixAddress.of("@a\0b").sunPath()).isEqualTo(ascii("\0a\0b"));
        assertThat(UnixAddress.of("/run/app.sock").isAbstract()).isFalse();
        assertThat(UnixAddress.ofAbstract(ascii("\u00ff")).asString()).isEqualTo("@\uDCFF");
        assertThat(UnixAddress.of("@\uDCFF")).isEqualTo(UnixAddress.ofAbstract(new byte[] {(byte) 0xFF}));
        assertThat(UnixAddress.of("@caf\u00e9").name()).isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
        assertThat(UnixAddress.of(java.nio.file.Path.of("@odd")).asString()).as("a relative path named @odd")
                .isEqualTo("./@odd");
        assertThatThrownBy(() -> UnixAddress.of("a\0b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> UnixAddress.of("@\uD800")).as("a lone surrogate that stands for no byte")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnixAddress.of("@" + "x".repeat(108))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 107 bytes");
        assertThat(UnixAddress.of("@" + "x".repeat(107)).name()).hasSize(107);
    }

    @Test
    void anIpv4SenderIsReportedAsAnInetAddressThatARepliesReaches() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        int receiver = datagramSocket(SendMsg.AF_INET);
        int sender = datagramSocket(SendMsg.AF_INET);
        Posix.bindTo(receiver, loopback);
        Posix.bindTo(sender, loopback);
        InetSocketAddress receiverAddress = localAddress(receiver);

        SendMsg.sendto(sender, new ByteBuffer[] {ByteBuffer.wrap(ascii("ping"))}, List.of(), 0, receiverAddress);
        ReceiveResult from = SendMsg.recvmsg(receiver, new ByteBuffer[] {ByteBuffer.allocate(16)}, 0, 0);

        assertThat(from.sender()).as("the sender, read as AF_INET").isEqualTo(localAddress(sender));
        assertThat(from.address()).as("no String form for a sender that is not AF_UNIX").isNull();
        reply(receiver, from.sender());
        assertThat(receivedOn(sender)).isEqualTo("pong");
    }

    @Test
    void anIpv6SenderIsReportedAsAnInetAddress() throws Exception {
        assumeTrue(NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .anyMatch(a -> a instanceof Inet6Address && a.isLoopbackAddress()), "this machine has no IPv6 loopback");
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByName("::1"), 0);
        int receiver = datagramSocket(SendMsg.AF_INET6);
        int sender = datagramSocket(SendMsg.AF_INET6);
        Posix.bindTo(receiver, loopback);
        Posix.bindTo(sender, loopback);

        SendMsg.sendto(sender, new ByteBuffer[] {ByteBuffer.wrap(ascii("ping"))}, List.of(), 0, localAddress(receiver));
        try (Arena arena = Arena.ofConfined(); NativeMessage message = NativeMessage.allocate(1, 0)) {
            message.setBuffer(arena.allocate(16)).receive(receiver, 0);
            assertThat(message.sender()).isEqualTo(localAddress(sender));
            assertThat(message.address()).isNull();
        }
    }

    private static InetSocketAddress localAddress(int fd) throws ErrnoException {
        return (InetSocketAddress) Posix.localAddress(fd);
    }
}
