package io.github.sendmsg.channel;

import io.github.sendmsg.NoFdLeaks;
import io.github.sendmsg.Posix;
import io.github.sendmsg.UnixAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The channel methods the feature tests pass by: scattering reads, a gathering write with
 * descriptors, the type and timeout a channel reports, per-message credentials and pidfds, the local
 * address of an accepted channel, half-closing input, and a listener's timeout. (Found by the coverage
 * report: each was a public method no test ran.)
 */
@ExtendWith(NoFdLeaks.class)
class ChannelSurfaceTest {

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(ByteBuffer b) {
        return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
    }

    @Test
    void readsScatterAndAGatheringWriteCarriesDescriptorsOnItsFirstByte() throws Exception {
        UnixChannel[] pair = UnixChannel.pair();
        int[] pipe = Posix.pipe();
        try (UnixChannel a = pair[0]; UnixChannel b = pair[1];
             Descriptor writeEnd = Descriptor.adopt(pipe[1]); Descriptor readEnd = Descriptor.adopt(pipe[0])) {
            long written = a.write(new ByteBuffer[] {ascii("hello, "), ascii("world")}, writeEnd);
            assertThat(written).isEqualTo(12);

            ByteBuffer first = ByteBuffer.allocate(3);
            ByteBuffer second = ByteBuffer.allocate(4);
            try (Received received = b.receive(new ByteBuffer[] {first, second}, 1)) {
                assertThat(text(first) + text(second)).isEqualTo("hello, ");
                try (var out = received.descriptor().toOutputStream()) {
                    out.write('!');
                }
            }
            assertThat(Posix.read(readEnd.fd(), 1)).as("the descriptor came with the first byte").containsExactly('!');

            ByteBuffer[] rest = {ByteBuffer.allocate(1), ByteBuffer.allocate(2), ByteBuffer.allocate(8)};
            assertThat(b.read(rest, 1, 2)).isEqualTo(5);
            assertThat(text(rest[1]) + text(rest[2])).isEqualTo("world");
            assertThat(rest[0].position()).as("outside the range given").isZero();

            a.write(ascii("xy"));
            ByteBuffer[] all = {ByteBuffer.allocate(1), ByteBuffer.allocate(1)};
            assertThat(b.read(all)).isEqualTo(2);
            assertThat(text(all[0]) + text(all[1])).isEqualTo("xy");
        }
    }

    @Test
    void aChannelReportsItsTypeAndTimeoutAndAReadThatWaitsTooLongTimesOut() throws Exception {
        UnixChannel[] streams = UnixChannel.pair();
        UnixChannel[] datagrams = UnixChannel.pair(UnixChannel.Type.DATAGRAM);
        try (UnixChannel a = streams[0]; UnixChannel b = streams[1];
             UnixChannel c = datagrams[0]; UnixChannel d = datagrams[1]) {
            assertThat(a.type()).isEqualTo(UnixChannel.Type.STREAM);
            assertThat(c.type()).isEqualTo(UnixChannel.Type.DATAGRAM);
            assertThat(b.timeout()).isEqualTo(Duration.ZERO);

            assertThat(b.setTimeout(Duration.ofMillis(50)).timeout()).isEqualTo(Duration.ofMillis(50));
            assertThatThrownBy(() -> b.read(ByteBuffer.allocate(1))).isInstanceOf(SocketTimeoutException.class);
            assertThat(d.isOpen()).isTrue();
        }
    }

    @Test
    void credentialsAndAPidfdComeWithEveryMessageOnceAsked() throws Exception {
        UnixChannel[] pair = UnixChannel.pair();
        try (UnixChannel a = pair[0]; UnixChannel b = pair[1]) {
            b.setPassCredentials(true).setPassPidFd(true);
            a.write(ascii("x"));
            try (Received received = b.receive(ByteBuffer.allocate(1), 0)) {
                assertThat(received.credentials()).as("SCM_CREDENTIALS").isNotNull();
                assertThat(received.credentials().pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(received.pidFd()).as("SCM_PIDFD (Linux 6.5+)").isNotNull();
                assertThat(received.isControlTruncated()).as("the channel's control buffer holds all").isFalse();
            }
        }
    }

    @Test
    void anAcceptedChannelIsBoundToTheListenersAddressAndInputCanBeShutDown(@TempDir Path dir) throws Exception {
        UnixAddress address = UnixAddress.of(dir.resolve("app.sock"));
        try (UnixServerChannel server = UnixServerChannel.bind(address);
             UnixChannel client = UnixChannel.connect(address);
             UnixChannel accepted = server.accept()) {
            assertThat(server.toString()).matches("UnixServerChannel\\[fd \\d+, STREAM\\]");
            assertThat(accepted.localAddress()).isEqualTo(address);
            assertThat(client.localAddress()).as("an unbound client has no name").isNull();

            accepted.shutdownInput();
            assertThat(accepted.read(ByteBuffer.allocate(1))).as("end of stream after shutdownInput").isEqualTo(-1);
            assertThat(accepted.isOpen()).isTrue();
        }
    }

    @Test
    void aBacklogBelowOneIsRefusedBeforeAnySocketIsMade(@TempDir Path dir) {
        Path path = dir.resolve("never.sock");
        for (int backlog : new int[] {0, -1}) {
            assertThatThrownBy(() -> UnixServerChannel.bind(UnixAddress.of(path), UnixChannel.Type.STREAM, backlog))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backlog must be at least 1");
        }
        assertThat(path).as("nothing bound").doesNotExist();
    }

    @Test
    void aListenersAcceptTimesOutWhenNobodyConnects(@TempDir Path dir) throws Exception {
        try (UnixServerChannel server = UnixServerChannel.bind(UnixAddress.of(dir.resolve("quiet.sock")))) {
            server.setTimeout(Duration.ofMillis(50));
            assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }
}
