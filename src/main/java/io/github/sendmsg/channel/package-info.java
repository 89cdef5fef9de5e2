/**
 * Passing open files and sockets between processes, for applications: owned descriptors, a channel
 * over an {@code AF_UNIX} socket that keeps descriptors with their bytes, and bridges to
 * {@code java.nio} and {@code java.io}.
 *
 * <ul>
 *   <li>{@link io.github.sendmsg.channel.Descriptor}: an open descriptor this process owns, closed
 *       exactly once (a {@link java.lang.ref.Cleaner} closes and reports one nobody closed); says what
 *       it is; converts to and from {@code FileChannel}, streams, {@code FileDescriptor} and the JDK's
 *       socket channels, always by duplicating.</li>
 *   <li>{@link io.github.sendmsg.channel.UnixChannel}: a stream, seqpacket or datagram socket as a
 *       {@link java.nio.channels.ByteChannel} that writes descriptors with bytes and receives them as a
 *       {@link io.github.sendmsg.channel.Received} of owned descriptors; descriptors nobody asked for
 *       are closed and counted, never leaked.</li>
 *   <li>{@link io.github.sendmsg.channel.UnixServerChannel}: binds and accepts.</li>
 * </ul>
 *
 * <p>Waiting never blocks a thread in native code: every call is non-blocking and a thread that must
 * wait parks until an {@code epoll} poller thread sees the socket ready, so virtual threads unmount
 * while they wait. Timeouts, interruption and asynchronous close behave as in the JDK's channels.
 * Sending borrows the caller's descriptors ({@code write}); {@code writeAndClose} moves them; every
 * descriptor a receive returns is the caller's to close.
 *
 * <p>Run with {@code --enable-native-access=ALL-UNNAMED} on the class path, or
 * {@code --enable-native-access=io.github.sendmsg} on the module path.
 */
package io.github.sendmsg.channel;
