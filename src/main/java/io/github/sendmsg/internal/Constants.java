package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.Libc;

/**
 * The platform's constants, read once from the bindings: what the public API shows as its own
 * constants and what the rest of this layer passes to the kernel. Public classes take them from here,
 * never from the bindings package.
 */
public final class Constants {

    public static final int SOL_SOCKET = Libc.SOL_SOCKET();
    public static final int SCM_RIGHTS = Libc.SCM_RIGHTS();
    public static final int SCM_CREDENTIALS = Libc.SCM_CREDENTIALS();
    public static final int SO_TYPE = Libc.SO_TYPE();
    public static final int SO_PASSCRED = Libc.SO_PASSCRED();
    public static final int SO_PEERCRED = Libc.SO_PEERCRED();
    public static final int SO_PASSPIDFD = Libc.SO_PASSPIDFD();
    public static final int SO_ERROR = Libc.SO_ERROR();
    public static final int SO_ACCEPTCONN = Libc.SO_ACCEPTCONN();
    public static final int SO_DOMAIN = Libc.SO_DOMAIN();

    public static final int AF_UNSPEC = Libc.AF_UNSPEC();
    public static final int AF_UNIX = Libc.AF_UNIX();
    public static final int AF_INET = Libc.AF_INET();
    public static final int AF_INET6 = Libc.AF_INET6();

    public static final int SOCK_STREAM = Libc.SOCK_STREAM();
    public static final int SOCK_DGRAM = Libc.SOCK_DGRAM();
    public static final int SOCK_SEQPACKET = Libc.SOCK_SEQPACKET();
    public static final int SOCK_NONBLOCK = Libc.SOCK_NONBLOCK();
    public static final int SOCK_CLOEXEC = Libc.SOCK_CLOEXEC();

    public static final int MSG_PEEK = Libc.MSG_PEEK();
    public static final int MSG_DONTWAIT = Libc.MSG_DONTWAIT();
    public static final int MSG_WAITALL = Libc.MSG_WAITALL();
    public static final int MSG_TRUNC = Libc.MSG_TRUNC();
    public static final int MSG_CTRUNC = Libc.MSG_CTRUNC();
    public static final int MSG_NOSIGNAL = Libc.MSG_NOSIGNAL();
    public static final int MSG_CMSG_CLOEXEC = Libc.MSG_CMSG_CLOEXEC();
    public static final int MSG_WAITFORONE = Libc.MSG_WAITFORONE();

    public static final int O_CLOEXEC = Libc.O_CLOEXEC();
    public static final int O_NONBLOCK = Libc.O_NONBLOCK();

    public static final int SHUT_RD = Libc.SHUT_RD();
    public static final int SHUT_WR = Libc.SHUT_WR();
    public static final int SHUT_RDWR = Libc.SHUT_RDWR();

    private Constants() {
    }
}
