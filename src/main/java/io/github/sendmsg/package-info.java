/**
 * {@code sendmsg(2)}/{@code recvmsg(2)} for Java: send bytes with ancillary data, and copy open file
 * descriptors into another process over an {@code AF_UNIX} socket ({@code SCM_RIGHTS}).
 *
 * <ul>
 *   <li>{@link io.github.sendmsg.SendMsg}: Twisted's {@code send1msg}/{@code recv1msg}, with the
 *       argument order and defaults of Twisted's sendmsg how-to (the maximum size second), and the
 *       {@code CMSG_*} sizes and constants.</li>
 *   <li>{@link io.github.sendmsg.ControlMessage} and {@link io.github.sendmsg.ReceivedMessage}: the
 *       {@code (level, type, data)} items and what a receive returns.</li>
 *   <li>{@link io.github.sendmsg.Posix}: socket pairs, pipes, reads, writes and {@code AF_UNIX}
 *       sockets, to get the descriptors to pass.</li>
 *   <li>{@link io.github.sendmsg.ErrnoException}: a failed system call, with its errno.</li>
 * </ul>
 * Past Twisted's one buffer of bytes:
 * <ul>
 *   <li>scatter/gather over {@code ByteBuffer[]} and {@code MemorySegment[]}
 *       ({@link io.github.sendmsg.SendMsg#sendmsg(int, java.nio.ByteBuffer[], java.util.List, int, String)},
 *       {@link io.github.sendmsg.ReceiveResult}), with addresses on datagram sockets;</li>
 *   <li>{@link io.github.sendmsg.NativeMessage}, reusable and allocation-free, and
 *       {@link io.github.sendmsg.MessageBatch} for {@code sendmmsg}/{@code recvmmsg};</li>
 *   <li>typed control messages: {@link io.github.sendmsg.Ancillary}, {@link io.github.sendmsg.Credentials};</li>
 *   <li>{@link io.github.sendmsg.Frames}, message framing on streams that keeps descriptors with their message.</li>
 * </ul>
 *
 * <p>The library calls libc through the Foreign Function and Memory API, which is restricted: run
 * with {@code --enable-native-access=ALL-UNNAMED} on the class path,
 * {@code --enable-native-access=io.github.sendmsg} on the module path, or
 * {@code jshell --enable-native-access}.
 *
 * <p>Descriptors are plain {@code int}s, as in Twisted's how-to. A descriptor the library returns
 * is always the caller's to close; a descriptor the caller passes in is never closed by the library.
 */
package io.github.sendmsg;
