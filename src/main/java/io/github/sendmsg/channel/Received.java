package io.github.sendmsg.channel;

import io.github.sendmsg.Credentials;
import io.github.sendmsg.SendMsg;

import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link UnixChannel#receive} took off the socket: the bytes, and the descriptors that came
 * with <em>those</em> bytes (on a stream, the kernel hands a message's descriptors over with its first
 * byte, so they are never separated from their bytes and never arrive after them).
 *
 * <p><b>Ownership.</b> Every descriptor here ({@link #descriptors()}, and {@link #pidFd()} when the
 * channel receives pidfds) is new in this process and the caller's to close; {@link #close()} closes
 * all of them that are still open, for try-with-resources. Descriptors beyond what the reader asked
 * for were closed before the receive returned and are only counted ({@link #surplus()}).
 *
 * @param bytes       how many bytes were read into the buffers; -1 at end of stream
 * @param descriptors the descriptors that came with the bytes, in order, up to the number asked for
 * @param surplus     how many more descriptors arrived than were asked for: they were closed, never
 *                    handed out (descriptors the kernel itself dropped for want of room are not
 *                    counted, as it does not say how many: see {@link #isControlTruncated()})
 * @param flags       the {@code msg_flags} of the receive ({@link SendMsg#MSG_TRUNC}, {@link SendMsg#MSG_CTRUNC})
 * @param credentials the sender's credentials, when the channel receives them
 *                    ({@link UnixChannel#setPassCredentials(boolean)}); otherwise null
 * @param pidFd       a pidfd of the sending process, when the channel receives them
 *                    ({@link UnixChannel#setPassPidFd(boolean)}); otherwise null
 * @param sender      the sender's address on an unconnected datagram channel; otherwise null
 */
public record Received(long bytes, List<Descriptor> descriptors, int surplus, int flags, Credentials credentials,
                       Descriptor pidFd, SocketAddress sender) implements AutoCloseable {

    /**
     * Makes a result; the list is copied.
     *
     * @throws NullPointerException if {@code descriptors} or an element is null
     */
    public Received {
        descriptors = List.copyOf(Objects.requireNonNull(descriptors, "descriptors"));
    }

    /** {@return true at end of stream: the peer closed or shut down its side and every byte has been read} */
    public boolean isEndOfStream() {
        return bytes < 0;
    }

    /** {@return true if a datagram or record was cut to fit the buffers ({@code MSG_TRUNC})} */
    public boolean isTruncated() {
        return (flags & SendMsg.MSG_TRUNC) != 0;
    }

    /** {@return true if the kernel dropped control data for want of room ({@code MSG_CTRUNC}): descriptors were lost} */
    public boolean isControlTruncated() {
        return (flags & SendMsg.MSG_CTRUNC) != 0;
    }

    /** {@return the first descriptor, for the common case of one; the caller's to close} */
    public Descriptor descriptor() {
        if (descriptors.isEmpty()) {
            throw new IllegalStateException("no descriptor came with these " + bytes + " bytes");
        }
        return descriptors.getFirst();
    }

    /** Closes every descriptor of this result that is still open. Idempotent. */
    @Override
    public void close() {
        descriptors.forEach(Descriptor::close);
        if (pidFd != null) {
            pidFd.close();
        }
    }
}
