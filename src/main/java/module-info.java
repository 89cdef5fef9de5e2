/**
 * sendmsg for Java: {@code sendmsg(2)}/{@code recvmsg(2)} through the Foreign Function and Memory API,
 * to send bytes with ancillary data and to pass open file descriptors between processes over
 * {@code AF_UNIX} sockets. Only {@link io.github.sendmsg} is exported.
 *
 * <p>Downcalls are restricted methods: run with {@code --enable-native-access=io.github.sendmsg} on the
 * module path.
 *
 * <p>Layers, one package each, arrows pointing down only (docs/architecture.md): the exported API, then
 * {@code io.github.sendmsg.internal} (safe calls: errno-capturing downcalls, message headers, control
 * data), then {@code io.github.sendmsg.internal.libc} (jextract-shaped bindings, which only the layer
 * above touches).
 */
module io.github.sendmsg {
    exports io.github.sendmsg;
    exports io.github.sendmsg.channel;
}
