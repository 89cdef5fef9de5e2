package io.github.sendmsg;

import java.util.Arrays;
import java.util.Objects;

/**
 * A control message as a typed value: {@link Rights descriptors}, {@link Credentials credentials},
 * the sender's {@link PidFd pidfd}, or any other kind {@link Unknown passed through raw}
 * ({@code SCM_SECURITY} among them). Decode what arrived with
 * {@link #decode(ControlMessage)} or {@link ReceivedMessage#typed()}, and build what to send with
 * {@link #toControlMessage()}:
 * {@snippet :
 * for (Ancillary item : SendMsg.recv1msg(fd).typed()) {
 *     switch (item) {
 *         case Ancillary.Rights rights -> use(rights.fds());     // the caller's to close
 *         case Credentials sender -> check(sender.uid());
 *         case Ancillary.PidFd pidFd -> watch(pidFd.fd());     // the caller's to close
 *         case Ancillary.Unknown other -> log(other.message());
 *     }
 * }
 * }
 */
public sealed interface Ancillary permits Ancillary.Rights, Credentials, Ancillary.PidFd, Ancillary.Unknown {

    /** {@return the raw {@code (level, type, data)} form, with exactly the bytes the kernel expects} */
    ControlMessage toControlMessage();

    /**
     * The typed form of a raw control message: {@link Rights} for {@code SCM_RIGHTS},
     * {@link Credentials} for a well-formed {@code SCM_CREDENTIALS}, {@link PidFd} for a well-formed
     * {@code SCM_PIDFD}, {@link Unknown} for anything else.
     *
     * @param message a control message as received or built
     * @return its typed form
     * @throws NullPointerException if {@code message} is null
     */
    static Ancillary decode(ControlMessage message) {
        Objects.requireNonNull(message, "message");
        if (message.isRights()) {
            return new Rights(message.fileDescriptors());
        }
        if (message.level() == SendMsg.SOL_SOCKET && message.type() == SendMsg.SCM_CREDENTIALS
                && message.data().length == Credentials.SIZE) {
            return Credentials.decode(message.data());
        }
        if (message.level() == SendMsg.SOL_SOCKET && message.type() == SendMsg.SCM_PIDFD
                && message.data().length == Integer.BYTES) {
            return new PidFd(message.installedDescriptors()[0]);
        }
        return new Unknown(message);
    }

    /**
     * {@code SCM_RIGHTS}: descriptors to copy into the receiving process, or copied into this one.
     *
     * <p>Ownership: sent descriptors stay the sender's; received ones are the receiver's to close.
     *
     * @param fds the descriptors, in order
     */
    record Rights(int... fds) implements Ancillary {

        /**
         * Makes a rights message; the array is not copied.
         *
         * @throws NullPointerException if {@code fds} is null
         */
        public Rights {
            Objects.requireNonNull(fds, "fds");
        }

        /**
         * The {@code SCM_RIGHTS} message for these descriptors.
         *
         * @throws IllegalArgumentException as {@link ControlMessage#rights(int...)}
         */
        @Override
        public ControlMessage toControlMessage() {
            return ControlMessage.rights(fds);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Rights that && Arrays.equals(fds, that.fds);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(fds);
        }

        @Override
        public String toString() {
            return "Rights" + Arrays.toString(fds);
        }
    }

    /**
     * {@code SCM_PIDFD} (Linux 6.5+): a pidfd for the sending process, which the kernel installs in
     * the receiver with every message once the receiver turned {@code SO_PASSPIDFD} on
     * ({@link SendMsg#setPassPidFd(int, boolean)}). A pidfd names that process for good (its pid may be
     * reused; the pidfd never refers to another): wait for it, or check it is still the one you think.
     *
     * <p>Ownership: a received pidfd is a descriptor like any other, the receiver's to close.
     *
     * @param fd the pidfd
     */
    record PidFd(int fd) implements Ancillary {

        /**
         * The raw {@code SCM_PIDFD} message. The kernel makes these itself and refuses to send one
         * ({@code EINVAL}); this is for comparing and logging.
         */
        @Override
        public ControlMessage toControlMessage() {
            byte[] data = new byte[Integer.BYTES];
            java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.nativeOrder()).putInt(fd);
            return new ControlMessage(SendMsg.SOL_SOCKET, SendMsg.SCM_PIDFD, data);
        }
    }

    /**
     * A control message of a kind this library does not decode, kept exactly as it arrived.
     *
     * @param message the raw message
     */
    record Unknown(ControlMessage message) implements Ancillary {

        /**
         * Wraps a raw message.
         *
         * @throws NullPointerException if {@code message} is null
         */
        public Unknown {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public ControlMessage toControlMessage() {
            return message;
        }
    }
}
