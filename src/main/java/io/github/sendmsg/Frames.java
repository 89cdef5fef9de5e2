package io.github.sendmsg;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
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
     * Receives one frame, reading no byte past its end: the next frame's descriptors stay with the
     * next frame.
     *
     * <p>Ownership: the frame's descriptors are the caller's. If the frame cannot be returned (end of
     * stream inside it, or a length over {@code maxPayload}), every descriptor received for it is
     * closed before the exception leaves.
     *
     * @param fd         a connected blocking stream socket
     * @param maxPayload the largest payload to accept
     * @return the frame's payload, the flags of its reads or'd together, and its ancillary data; null
     *         at end of stream between frames
     * @throws EOFException             if the stream ends inside a frame
     * @throws IOException              if a frame is longer than {@code maxPayload} (the stream is then
     *                                  out of step), or {@code recvmsg} fails ({@link ErrnoException})
     * @throws IllegalArgumentException if {@code fd} or {@code maxPayload} is negative
     */
    public static ReceivedMessage receive(int fd, int maxPayload) throws IOException {
        Arguments.requireFd(fd);
        Arguments.requireNonNegative(maxPayload, "maxPayload");
        List<ControlMessage> ancillary = new ArrayList<>(1);
        int[] flags = {0};
        boolean done = false;
        try {
            byte[] header = readExactly(fd, HEADER_SIZE, ancillary, flags, true);
            if (header == null) {
                done = true;
                return null;
            }
            int length = ByteBuffer.wrap(header).getInt();
            if (length < 0 || length > maxPayload) {
                throw new IOException("a frame of " + Integer.toUnsignedLong(length) + " bytes is longer than maxPayload "
                        + maxPayload + "; the stream is out of step");
            }
            byte[] payload = readExactly(fd, length, ancillary, flags, false);
            ReceivedMessage frame = new ReceivedMessage(payload, flags[0], ancillary);
            done = true;
            return frame;
        } finally {
            if (!done) {
                closeAll(ancillary);
            }
        }
    }

    /** Reads exactly {@code count} bytes; null if the stream ends before the first one and that is allowed. */
    private static byte[] readExactly(int fd, int count, List<ControlMessage> ancillary, int[] flags, boolean eofAllowed)
            throws IOException {
        byte[] result = new byte[count];
        int filled = 0;
        while (filled < count) {
            ReceivedMessage part = SendMsg.recvmsg(fd, count - filled, SendMsg.DEFAULT_CMSG_SIZE, SendMsg.MSG_WAITALL);
            ancillary.addAll(part.ancillary());
            flags[0] |= part.flags();
            if (part.data().length == 0) {
                // A clean end between frames carries no descriptor; with SO_PASSCRED on, Linux still
                // attaches the credentials of the closing peer to the end-of-stream read.
                if (eofAllowed && filled == 0 && ReceivedMessage.fileDescriptors(ancillary).length == 0) {
                    return null;
                }
                throw new EOFException("the stream ended " + filled + " bytes into a " + count + "-byte part of a frame");
            }
            System.arraycopy(part.data(), 0, result, filled, part.data().length);
            filled += part.data().length;
        }
        return result;
    }

    private static void closeAll(List<ControlMessage> ancillary) {
        for (int fd : ReceivedMessage.fileDescriptors(ancillary)) {
            try {
                Posix.close(fd);
            } catch (ErrnoException ignored) {
                // Closing a descriptor we own can only fail if it is already gone.
            }
        }
    }
}
