package io.github.sendmsg;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Message framing over a stream socket, so that descriptors stay with the message they were sent with.
 *
 * <p>A stream has no message boundaries, and the kernel's rules for descriptors on one are easy to
 * trip over: a read returns any earlier descriptor-less bytes glued in front of the chunk that carries
 * descriptors, and stops after that chunk; leftover bytes of a partly read chunk glue onto the next.
 * A reader that reads "what is there" therefore cannot tell which bytes the descriptors belong to.
 * Frames fix that: each frame is a 4-byte big-endian length and that many payload bytes, sent with
 * one {@code sendmsg} whose ancillary data rides on the frame's first byte, and read back with reads
 * sized to never cross the frame's end.
 * {@snippet :
 * Frames.send(socket, "config".getBytes(), List.of(ControlMessage.rights(configFd)));
 * ReceivedMessage frame = Frames.receive(peer, 1 << 20);   // payload "config", with its descriptor
 * }
 *
 * <p>For blocking sockets: a frame is sent whole (a short send continues without the ancillary
 * data, which already went with the first byte) and read whole. Both sides must use frames.
 */
public final class Frames {

    /** The length prefix: a 4-byte big-endian unsigned int, capped at {@link Integer#MAX_VALUE}. */
    public static final int HEADER_SIZE = Integer.BYTES;
    private static final ValueLayout.OfInt BIG_ENDIAN_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private Frames() {
    }

    /**
     * Sends one frame: {@code payload} with {@code ancillary} attached to its first byte.
     *
     * @param fd        a connected blocking stream socket
     * @param payload   the frame's bytes; may be empty (the length prefix still carries the ancillary data)
     * @param ancillary control messages for this frame; empty for none
     * @throws ErrnoException           if {@code sendmsg} fails; a frame may then be half sent
     * @throws NullPointerException     if an argument or an item is null
     * @throws IllegalArgumentException if {@code fd} is negative or the ancillary data is malformed
     */
    public static void send(int fd, byte[] payload, List<ControlMessage> ancillary) throws ErrnoException {
        Objects.requireNonNull(payload, "payload");
        ByteBuffer[] frame = {ByteBuffer.allocate(HEADER_SIZE).putInt(0, payload.length), ByteBuffer.wrap(payload)};
        List<ControlMessage> pending = ancillary;
        while (frame[0].hasRemaining() || frame[1].hasRemaining()) {
            SendMsg.sendmsg(fd, frame, pending, 0);
            // The descriptors went with the first byte sent: never send them twice.
            pending = List.of();
        }
    }

    /**
     * Receives one frame, reading no byte past its end, with at most {@value SendMsg#SCM_MAX_FD}
     * descriptors: {@link #receive(int, int, int)} with that limit.
     *
     * @param fd         a connected blocking stream socket
     * @param maxPayload the largest payload to accept
     * @return the frame, or null at end of stream between frames
     * @throws EOFException             if the stream ends inside a frame
     * @throws IOException              if a frame is longer than {@code maxPayload} or carries more
     *                                  descriptors (the stream is then out of step), or {@code recvmsg}
     *                                  fails ({@link ErrnoException})
     * @throws IllegalArgumentException if {@code fd} or {@code maxPayload} is negative
     */
    public static ReceivedMessage receive(int fd, int maxPayload) throws IOException {
        return receive(fd, maxPayload, SendMsg.SCM_MAX_FD);
    }

    /**
     * Receives one frame, reading no byte past its end: the next frame's descriptors stay with the
     * next frame.
     *
     * <p>Ownership: the frame's descriptors are the caller's ({@link ReceivedMessage#installedDescriptors()}:
     * those the peer passed, and the pidfds of its reads when {@code SO_PASSPIDFD} is on). If the frame
     * cannot be returned (end of stream inside it, a length over {@code maxPayload}, more than
     * {@code maxDescriptors} passed descriptors), every descriptor received for it is closed before the
     * exception leaves. Memory: one buffer of the frame's length, whatever the number of reads.
     *
     * @param fd             a connected blocking stream socket
     * @param maxPayload     the largest payload to accept
     * @param maxDescriptors the most descriptors ({@code SCM_RIGHTS}) to accept with one frame, so that a
     *                       peer cannot fill this process's descriptor table; pidfds are not counted
     * @return the frame's payload, the flags of its reads or'd together, and its ancillary data; null
     *         at end of stream between frames
     * @throws EOFException             if the stream ends inside a frame
     * @throws IOException              if a frame is longer than {@code maxPayload} or carries more than
     *                                  {@code maxDescriptors} descriptors (the stream is then out of
     *                                  step), or {@code recvmsg} fails ({@link ErrnoException})
     * @throws IllegalArgumentException if {@code fd}, {@code maxPayload} or {@code maxDescriptors} is negative
     */
    public static ReceivedMessage receive(int fd, int maxPayload, int maxDescriptors) throws IOException {
        Arguments.requireFd(fd);
        Arguments.requireNonNegative(maxPayload, "maxPayload");
        Arguments.requireNonNegative(maxDescriptors, "maxDescriptors");
        FrameReader reader = new FrameReader(fd, maxDescriptors);
        boolean done = false;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = reader.readExactly(arena.allocate(HEADER_SIZE), true);
            if (header == null) {
                return null;  // a clean end: anything the end-of-stream read installed (a pidfd) is closed below
            }
            int length = header.get(BIG_ENDIAN_INT, 0);
            if (length < 0 || length > maxPayload) {
                throw new IOException("a frame of " + Integer.toUnsignedLong(length) + " bytes is longer than maxPayload "
                        + maxPayload + "; the stream is out of step");
            }
            MemorySegment payload = reader.readExactly(arena.allocate(Math.max(1, length)).asSlice(0, length), false);
            ReceivedMessage frame = new ReceivedMessage(payload.toArray(ValueLayout.JAVA_BYTE), reader.flags, reader.ancillary);
            done = true;
            return frame;
        } finally {
            if (!done) {
                reader.closeAll();
            }
        }
    }

    /** The reads of one frame: what they collected, and the descriptor limit. */
    private static final class FrameReader {
        private final int fd;
        private final int maxDescriptors;
        private final List<ControlMessage> ancillary = new ArrayList<>(4);
        private int flags;
        private int descriptors;

        FrameReader(int fd, int maxDescriptors) {
            this.fd = fd;
            this.maxDescriptors = maxDescriptors;
        }

        /** Fills {@code target} exactly; null if the stream ends before its first byte and that is allowed. */
        MemorySegment readExactly(MemorySegment target, boolean eofAllowed) throws IOException {
            long filled = 0;
            long count = target.byteSize();
            while (filled < count) {
                ReceiveResult part = SendMsg.recvmsg(fd, new MemorySegment[] {target.asSlice(filled)},
                        SendMsg.DEFAULT_CMSG_SIZE, SendMsg.MSG_WAITALL);
                keep(part);
                if (part.bytes() == 0) {
                    // A clean end between frames carries no descriptor; with SO_PASSCRED on, Linux still
                    // attaches the credentials of the closing peer to the end-of-stream read.
                    if (eofAllowed && filled == 0 && ReceivedMessage.fileDescriptors(ancillary).length == 0) {
                        return null;
                    }
                    throw new EOFException("the stream ended " + filled + " bytes into a " + count + "-byte part of a frame");
                }
                filled += part.bytes();
            }
            return target;
        }

        /** Takes a read's control messages, or closes their descriptors if they cannot be kept. */
        private void keep(ReceiveResult part) throws IOException {
            try {
                ancillary.addAll(part.ancillary());
            } catch (Throwable failure) {
                Closing.quietly(part.installedDescriptors());
                throw failure;
            }
            flags |= part.flags();
            descriptors += part.fileDescriptors().length;
            if (descriptors > maxDescriptors) {
                throw new IOException("a frame carries more than " + maxDescriptors + " descriptors; they are closed and"
                        + " the stream is out of step");
            }
        }

        void closeAll() {
            Closing.quietly(ReceivedMessage.installedDescriptors(ancillary));
        }
    }
}
