/**
 * sendmsg for Java: {@code sendmsg(2)}/{@code recvmsg(2)} through the Foreign Function and Memory API,
 * to send bytes with ancillary data and to pass open file descriptors between processes over
 * {@code AF_UNIX} sockets. Two packages are exported: {@link io.github.sendmsg.channel}, owned descriptors
 * and a channel that keeps descriptors with their bytes (where an application starts), and
 * {@link io.github.sendmsg}, the Twisted-shaped calls and reusable native messages under it.
 *
 * <p>Downcalls are restricted methods: run with {@code --enable-native-access=io.github.sendmsg} on the
 * module path.
 *
 * <p>Layers, arrows pointing down only (docs/architecture.md): the two exported packages, then
 * {@code io.github.sendmsg.internal} (safe calls: errno-capturing downcalls, message headers, control
 * data), then the jextract-shaped bindings in the package below it, which only that layer touches.
 */
module io.github.sendmsg {
    exports io.github.sendmsg;
    exports io.github.sendmsg.channel;
}
