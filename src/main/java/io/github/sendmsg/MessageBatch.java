package io.github.sendmsg;

import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.Errno;
import io.github.sendmsg.internal.MessageVector;
import io.github.sendmsg.internal.Platform;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Many messages per system call: {@code sendmmsg(2)} and {@code recvmmsg(2)} over a fixed set of
 * {@link NativeMessage}s, each with its own buffers, control data and address.
 * {@snippet :
 * try (MessageBatch batch = MessageBatch.allocate(32, 1, SendMsg.CMSG_SPACE(4))) {
 *     for (int i = 0; i < 32; i++) {
 *         batch.message(i).setBuffer(datagrams[i]);
 *     }
 *     int sent = batch.send(socket, 32, 0);            // one syscall
 *     int received = batch.receive(peer, 32, MessageBatch.MSG_WAITFORONE);
 *     for (int i = 0; i < received; i++) {
 *         long bytes = batch.length(i);
 *         int fds = batch.message(i).fileDescriptorCount();
 *     }
 * }
 * }
 *
 * <p>Meant for datagram and seqpacket sockets, where each message stays a message. Threads and
 * ownership are as for {@link NativeMessage}: one thread at a time; received descriptors are the
 * caller's. The messages belong to the batch: closing the batch frees them.
 */
public final class MessageBatch implements AutoCloseable {

    /** For {@link #receive}: block for the first message only, then take what is queued. */
    public static final int MSG_WAITFORONE = Constants.MSG_WAITFORONE;

    private final Arena arena;
    private final MessageVector vector;
    private final MemorySegment capture;
    private final NativeMessage[] messages;

    private MessageBatch(Arena arena, int count, int maxBuffers, int controlCapacity) {
        this.arena = arena;
        this.vector = new MessageVector(arena, count);
        this.capture = arena.allocate(Errno.CAPTURE_LAYOUT);
        this.messages = new NativeMessage[count];
        for (int i = 0; i < count; i++) {
            messages[i] = new NativeMessage(arena, false, vector.header(i, arena, maxBuffers), controlCapacity);
        }
    }

    /**
     * A batch of {@code count} messages, each with room for {@code maxBuffers} buffers and
     * {@code controlCapacity} bytes of control data.
     *
     * @param count           how many messages, 1 to 1024 (Linux's {@code UIO_MAXIOV} per call)
     * @param maxBuffers      buffers per message, 1 to 1024
     * @param controlCapacity control buffer bytes per message, each way
     * @return a new batch; the caller must close it
     * @throws IllegalArgumentException if a size is out of range
     * @throws UnsupportedOperationException on a platform the library does not support
     */
    public static MessageBatch allocate(int count, int maxBuffers, int controlCapacity) {
        if (count < 1 || count > 1024) {
            throw new IllegalArgumentException("count must be 1 to 1024, not " + count);
        }
        NativeMessage.checkSizes(maxBuffers, controlCapacity);
        Platform.requireSupported();
        Arena arena = Arena.ofShared();
        try {
            return new MessageBatch(arena, count, maxBuffers, controlCapacity);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** {@return how many messages the batch holds} */
    public int size() {
        return messages.length;
    }

    /**
     * Message {@code index}, to set up before a send or read after a receive. Owned by the batch:
     * closing it does nothing.
     *
     * @param index which message, from 0
     * @return the message, owned by the batch
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #size()}
     */
    public NativeMessage message(int index) {
        return messages[Objects.checkIndex(index, messages.length)];
    }

    /**
     * Sends the first {@code count} messages with one {@code sendmmsg}.
     *
     * @param fd    a socket
     * @param count how many messages to send, from message 0
     * @param flags {@code MSG_*} flags; {@code MSG_NOSIGNAL} is always added
     * @return how many messages were sent; {@link #length(int)} gives each one's bytes
     * @throws ErrnoException           if {@code sendmmsg} fails before sending any message
     * @throws IllegalArgumentException if {@code fd} is negative, {@code count} out of range, or a
     *                                  message would carry only ancillary data over a stream socket
     */
    public int send(int fd, int count, int flags) throws ErrnoException {
        Arguments.requireFd(fd);
        checkCount(count);
        boolean onlyAncillary = false;
        for (int i = 0; i < count; i++) {
            messages[i].prepareSend();
            onlyAncillary |= messages[i].sendsOnlyAncillary();
        }
        if (onlyAncillary) {
            NativeMessage.requireByteWithAncillary(fd);
        }
        int sent = vector.send(capture, fd, count, flags);
        if (sent < 0) {
            throw new ErrnoException("sendmmsg", fd, -sent);
        }
        return sent;
    }

    /**
     * Receives up to {@code count} messages with one {@code recvmmsg}, into messages 0, 1, …
     * Without {@link #MSG_WAITFORONE} or {@link SendMsg#MSG_DONTWAIT}, a blocking socket waits until
     * all {@code count} have arrived.
     *
     * @param fd    a socket
     * @param count the most messages to receive
     * @param flags {@code MSG_*} flags, such as {@link #MSG_WAITFORONE}
     * @return how many messages were received; read each with {@link #message(int)} and {@link #length(int)}
     * @throws ErrnoException           if {@code recvmmsg} fails before receiving any message
     * @throws IllegalArgumentException if {@code fd} is negative or {@code count} out of range
     */
    public int receive(int fd, int count, int flags) throws ErrnoException {
        Arguments.requireFd(fd);
        checkCount(count);
        for (int i = 0; i < count; i++) {
            messages[i].prepareReceive(flags);
        }
        int received = vector.receive(capture, fd, count, flags);
        if (received < 0) {
            for (int i = 0; i < count; i++) {
                messages[i].forgetReceive();
            }
            throw new ErrnoException("recvmmsg", fd, -received);
        }
        for (int i = 0; i < count; i++) {
            if (i < received) {
                messages[i].finishReceive();
            } else {
                messages[i].forgetReceive();  // nothing arrived into it: it must not show an earlier call's data
            }
        }
        return received;
    }

    /**
     * The bytes message {@code index} sent or received in the last call ({@code msg_len}); 0 for a
     * message the last call did not send or fill.
     *
     * @param index which message, from 0
     * @return its byte count in the last call
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #size()}
     */
    public long length(int index) {
        Objects.checkIndex(index, messages.length);
        return vector.length(index);
    }

    private void checkCount(int count) {
        if (count < 1 || count > messages.length) {
            throw new IllegalArgumentException("count must be 1 to " + messages.length + ", not " + count);
        }
    }

    /**
     * Frees the native memory of the batch and its messages. Idempotent. Received descriptors stay
     * open: they are the caller's.
     *
     * @throws IllegalStateException if another thread is inside a call on this batch
     */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
