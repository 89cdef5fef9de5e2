// What the library does past Twisted's send1msg/recv1msg, one feature per block.
// bin/jshell docs/examples/beyond-twisted.jsh    (or: jshell --enable-native-access --class-path target/classes docs/examples/beyond-twisted.jsh, with a jshell 22+)
import io.github.sendmsg.*;
import java.lang.foreign.*;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

// 1. Scatter/gather: several buffers in one call; positions advance like a gathering channel's.
int[] pair = Posix.socketpair();
ByteBuffer head = ByteBuffer.wrap("Hello, ".getBytes());
ByteBuffer tail = ByteBuffer.allocateDirect(5).put("world".getBytes()).flip();
long sent = SendMsg.sendmsg(pair[0], new ByteBuffer[] {head, tail}, List.of(), 0);
ByteBuffer first = ByteBuffer.allocate(5), second = ByteBuffer.allocateDirect(16);
ReceiveResult scattered = SendMsg.recvmsg(pair[1], new ByteBuffer[] {first, second}, 0, 0);
System.out.println("gather sent " + sent + ", scatter received " + scattered.bytes() + ": '"
        + new String(first.array()) + "' + '" + StandardCharsets.US_ASCII.decode(second.flip()) + "'");

// 2. Typed control messages and credentials.
SendMsg.setPassCredentials(pair[1], true);
int[] pipe = Posix.pipe();
SendMsg.send1msg(pair[0], "x".getBytes(), 0, List.of(ControlMessage.rights(pipe[0])));
ReceivedMessage typed = SendMsg.recv1msg(pair[1]);
for (Ancillary item : typed.typed()) {
    switch (item) {
        case Ancillary.Rights rights -> { System.out.println("rights: " + rights.fds().length + " descriptor"); for (int fd : rights.fds()) Posix.close(fd); }
        case Credentials sender -> System.out.println("sender is this process: " + (sender.pid() == ProcessHandle.current().pid()));
        case Ancillary.PidFd pidFd -> Posix.close(pidFd.fd());
        case Ancillary.Unknown other -> System.out.println("unknown: " + other.message());
    }
}
SendMsg.setPassCredentials(pair[1], false);
System.out.println("peer credentials (SO_PEERCRED) pid matches: " + (SendMsg.getPeerCredentials(pair[0]).pid() == ProcessHandle.current().pid()));

// 3. A reusable message: zero-copy on native memory, nothing allocated per call.
Arena arena = Arena.ofConfined();
MemorySegment buffer = arena.allocate(64);
NativeMessage message = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(4 * 4));
buffer.setString(0, "reusable");
message.setBuffer(buffer).addRights(pipe[1]);
message.send(pair[0], 0);
message.clearControl();
long n = message.receive(pair[1], 0);
System.out.println("NativeMessage received " + n + " bytes, '" + buffer.getString(0) + "', " + message.fileDescriptorCount() + " descriptor");
Posix.close(message.fileDescriptor(0));
message.close();
arena.close();

// 4. Addresses: datagrams to and from named and abstract AF_UNIX sockets.
String name = "@sendmsg-guide-" + ProcessHandle.current().pid();
int server = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
Posix.bind(server, name);
int client = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
Posix.bind(client, name + "-client");
SendMsg.sendmsg(client, new ByteBuffer[] {ByteBuffer.wrap("ping".getBytes())}, List.of(), 0, name);
ReceiveResult datagram = SendMsg.recvmsg(server, new ByteBuffer[] {ByteBuffer.allocate(16)}, 0, 0);
System.out.println("datagram of " + datagram.bytes() + " bytes from " + datagram.address());

// 5. Records: a datagram cut to fit says so (MSG_TRUNC), and its descriptors still arrive.
int[] records = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_SEQPACKET);
SendMsg.send1msg(records[0], "a long record".getBytes(), 0, List.of(ControlMessage.rights(pipe[0])));
ReceivedMessage cut = SendMsg.recv1msg(records[1], 6);
System.out.println("record cut: " + cut.isTruncated() + ", '" + new String(cut.data()) + "', descriptors: " + cut.fileDescriptors().length);
for (int fd : cut.fileDescriptors()) Posix.close(fd);

// 6. Batches: many datagrams per system call.
int[] dgrams = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
Arena batchArena = Arena.ofConfined();
MessageBatch batch = MessageBatch.allocate(8, 1, 0);
for (int i = 0; i < 8; i++) batch.message(i).setBuffer(batchArena.allocate(8).fill((byte) ('0' + i)));
int batchSent = batch.send(dgrams[0], 8, 0);
int batchReceived = batch.receive(dgrams[1], 8, MessageBatch.MSG_WAITFORONE);
System.out.println("batch: " + batchSent + " sent, " + batchReceived + " received in one call each");
batch.close();
batchArena.close();

// 7. Frames: descriptors stay with the message they were sent with, over a stream.
Frames.send(pair[0], "first".getBytes(), List.of());
Frames.send(pair[0], "second".getBytes(), List.of(ControlMessage.rights(pipe[1])));
ReceivedMessage f1 = Frames.receive(pair[1], 1024), f2 = Frames.receive(pair[1], 1024);
System.out.println("frames: '" + new String(f1.data()) + "' with " + f1.fileDescriptors().length + ", '"
        + new String(f2.data()) + "' with " + f2.fileDescriptors().length + " descriptor");
for (int fd : f2.fileDescriptors()) Posix.close(fd);

for (int fd : new int[] {pair[0], pair[1], pipe[0], pipe[1], server, client, records[0], records[1], dgrams[0], dgrams[1]}) Posix.close(fd);
/exit
