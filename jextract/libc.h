/*
 * The header jextract reads to generate io.github.sendmsg.internal.libc (see README.md).
 * Linux glibc, LP64: the generated layouts and constant values are those of the machine that runs
 * jextract, and x86_64 and aarch64 agree on all of them.
 */

/* ucred, SCM_CREDENTIALS, accept4, pipe2, sendmmsg/recvmmsg and MSG_CMSG_CLOEXEC are GNU extensions. */
#define _GNU_SOURCE 1
#include <features.h>

/*
 * Included before the workaround below so that it applies to <sys/socket.h> alone: <sys/types.h>
 * tests __GNUC_PREREQ too (for register_t) and must keep its real answer.
 */
#include <sys/types.h>

/*
 * Under _GNU_SOURCE with a GNU-compatible compiler (libclang is one), glibc declares bind, connect,
 * accept4, getsockname (and sendto, recvfrom, getpeername) with __SOCKADDR_ARG and
 * __CONST_SOCKADDR_ARG: GCC transparent unions of every struct sockaddr_* pointer. jextract takes
 * them for unions passed by value, and its output then either does not compile or passes the union
 * where the kernel expects the address (EFAULT). Making __GNUC_PREREQ(maj, min) answer 0 while
 * <sys/socket.h> is read makes glibc pick its plain `struct sockaddr *` declarations, which is the
 * same ABI.
 */
#pragma push_macro("__GNUC_PREREQ")
#undef __GNUC_PREREQ
#define __GNUC_PREREQ(maj, min) 0
#include <sys/socket.h>
#pragma pop_macro("__GNUC_PREREQ")

#include <sys/uio.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <string.h>
#include <time.h>

/*
 * Named by Linux 6.5+ (SO_PASSPIDFD, SO_PEERPIDFD, SCM_PIDFD) and by glibc 2.39+ (SCM_SECURITY), which
 * older headers lack; the values are the kernel's ABI (include/uapi/asm-generic/socket.h,
 * include/linux/socket.h), the same on x86_64 and aarch64. Defined here only where the headers do not.
 */
#ifndef SO_PASSPIDFD
#define SO_PASSPIDFD 76
#endif
#ifndef SO_PEERPIDFD
#define SO_PEERPIDFD 77
#endif
#ifndef SCM_SECURITY
#define SCM_SECURITY 0x03
#endif
#ifndef SCM_PIDFD
#define SCM_PIDFD 0x04
#endif
