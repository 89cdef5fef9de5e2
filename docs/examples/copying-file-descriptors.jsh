// Twisted's how-to, second example: copying a file descriptor over an AF_UNIX socket (SCM_RIGHTS).
// bin/jshell docs/examples/copying-file-descriptors.jsh    (or: jshell --enable-native-access --class-path target/classes docs/examples/copying-file-descriptors.jsh, with a jshell 22+)
import io.github.sendmsg.*;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

int[] pair = Posix.socketpair();
int foo = pair[0];
int bar = pair[1];
int[] pipe = Posix.pipe();
int reader = pipe[0];
int writer = pipe[1];

// Send a copy of the descriptor. Notice that there must be at least one byte of normal data passed in.
// The descriptor travels as a native-order packed int, Python's pack("i", reader).
byte[] packed = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(reader).array();
SendMsg.send1msg(foo, new byte[] {0}, 0, List.of(new ControlMessage(SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, packed)));

// Receive the copy, including that one byte of normal data.
ReceivedMessage message = SendMsg.recv1msg(bar, 1024);
int duplicate = ByteBuffer.wrap(message.ancillary().get(0).data()).order(ByteOrder.nativeOrder()).getInt();

// Demonstrate that the copy works just like the original.
Posix.write(writer, "Hello, world".getBytes());
System.out.printf("Read from original (%d): '%s'%n", reader, new String(Posix.read(reader, 6)));
System.out.printf("Read from duplicate (%d): '%s'%n", duplicate, new String(Posix.read(duplicate, 6)));

for (int fd : new int[] {foo, bar, reader, writer, duplicate}) Posix.close(fd);
/exit
