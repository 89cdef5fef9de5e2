// Twisted's how-to, first example: send1msg/recv1msg used as send/recv.
// bin/jshell docs/examples/sending-regular-data.jsh    (or: jshell --enable-native-access --class-path target/classes docs/examples/sending-regular-data.jsh, with a jshell 22+)
import io.github.sendmsg.*;

int[] pair = Posix.socketpair();
int foo = pair[0];
int bar = pair[1];
int sent = SendMsg.send1msg(foo, "Hello, world".getBytes());
System.out.println("Sent " + sent + " bytes");
ReceivedMessage received = SendMsg.recv1msg(bar, 1024);
System.out.println("Received '" + new String(received.data()) + "'");
System.out.println("Extra stuff, boring in this case " + received.flags() + " " + received.ancillary());
Posix.close(foo);
Posix.close(bar);
/exit
