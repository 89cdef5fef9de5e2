package io.github.sendmsg.internal.libc;

import io.github.sendmsg.Fds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the committed bindings against the C compiler: a probe compiled against {@code jextract/libc.h}
 * (the header jextract reads) prints every struct size, alignment, field offset and field size and every
 * constant, and each must equal what the Java layouts and constants say. The bindings are written for
 * Linux glibc LP64; a wrong offset here would mean the kernel reads the wrong memory.
 */
class LayoutTest {

    /** Control-message payload sizes for the CMSG_* checks: empty, unaligned, one fd, two fds, three, four, many. */
    private static final int[] CMSG_PAYLOADS = {0, 1, 4, 8, 12, 16, 1012};

    private record Constant(String name, int value) {}

    /** A struct, or a union when {@code keyword} says so; {@code name} is the C tag. */
    private record Struct(String keyword, String name, MemoryLayout layout) {
        Struct(String name, MemoryLayout layout) {
            this("struct", name, layout);
        }

        String cType() {
            return keyword + " " + name;
        }
    }

    /** A field; {@code size} is empty for a flexible array member, whose C size cannot be taken. */
    private record Field(String struct, String name, long offset, Optional<Long> size) {}

    private static final List<Constant> CONSTANTS = List.of(
            new Constant("SOL_SOCKET", Libc.SOL_SOCKET()),
            new Constant("SCM_RIGHTS", Libc.SCM_RIGHTS()),
            new Constant("SCM_CREDENTIALS", Libc.SCM_CREDENTIALS()),
            new Constant("SO_TYPE", Libc.SO_TYPE()),
            new Constant("SO_SNDBUF", Libc.SO_SNDBUF()),
            new Constant("SO_RCVBUF", Libc.SO_RCVBUF()),
            new Constant("SO_PASSCRED", Libc.SO_PASSCRED()),
            new Constant("SO_PEERCRED", Libc.SO_PEERCRED()),
            new Constant("AF_UNSPEC", Libc.AF_UNSPEC()),
            new Constant("AF_UNIX", Libc.AF_UNIX()),
            new Constant("AF_INET", Libc.AF_INET()),
            new Constant("AF_INET6", Libc.AF_INET6()),
            new Constant("SOCK_STREAM", Libc.SOCK_STREAM()),
            new Constant("SOCK_DGRAM", Libc.SOCK_DGRAM()),
            new Constant("SOCK_SEQPACKET", Libc.SOCK_SEQPACKET()),
            new Constant("SOCK_NONBLOCK", Libc.SOCK_NONBLOCK()),
            new Constant("SOCK_CLOEXEC", Libc.SOCK_CLOEXEC()),
            new Constant("SHUT_RD", Libc.SHUT_RD()),
            new Constant("SHUT_WR", Libc.SHUT_WR()),
            new Constant("SHUT_RDWR", Libc.SHUT_RDWR()),
            new Constant("MSG_OOB", Libc.MSG_OOB()),
            new Constant("MSG_PEEK", Libc.MSG_PEEK()),
            new Constant("MSG_DONTROUTE", Libc.MSG_DONTROUTE()),
            new Constant("MSG_CTRUNC", Libc.MSG_CTRUNC()),
            new Constant("MSG_TRUNC", Libc.MSG_TRUNC()),
            new Constant("MSG_DONTWAIT", Libc.MSG_DONTWAIT()),
            new Constant("MSG_EOR", Libc.MSG_EOR()),
            new Constant("MSG_WAITALL", Libc.MSG_WAITALL()),
            new Constant("MSG_NOSIGNAL", Libc.MSG_NOSIGNAL()),
            new Constant("MSG_WAITFORONE", Libc.MSG_WAITFORONE()),
            new Constant("MSG_CMSG_CLOEXEC", Libc.MSG_CMSG_CLOEXEC()),
            new Constant("O_CLOEXEC", Libc.O_CLOEXEC()),
            new Constant("O_NONBLOCK", Libc.O_NONBLOCK()),
            new Constant("EPERM", Libc.EPERM()),
            new Constant("ENOENT", Libc.ENOENT()),
            new Constant("ESRCH", Libc.ESRCH()),
            new Constant("EINTR", Libc.EINTR()),
            new Constant("EIO", Libc.EIO()),
            new Constant("ENXIO", Libc.ENXIO()),
            new Constant("E2BIG", Libc.E2BIG()),
            new Constant("EBADF", Libc.EBADF()),
            new Constant("ECHILD", Libc.ECHILD()),
            new Constant("EAGAIN", Libc.EAGAIN()),
            new Constant("ENOMEM", Libc.ENOMEM()),
            new Constant("EACCES", Libc.EACCES()),
            new Constant("EFAULT", Libc.EFAULT()),
            new Constant("EBUSY", Libc.EBUSY()),
            new Constant("EEXIST", Libc.EEXIST()),
            new Constant("ENODEV", Libc.ENODEV()),
            new Constant("ENOTDIR", Libc.ENOTDIR()),
            new Constant("EISDIR", Libc.EISDIR()),
            new Constant("EINVAL", Libc.EINVAL()),
            new Constant("ENFILE", Libc.ENFILE()),
            new Constant("EMFILE", Libc.EMFILE()),
            new Constant("ENOTTY", Libc.ENOTTY()),
            new Constant("EFBIG", Libc.EFBIG()),
            new Constant("ENOSPC", Libc.ENOSPC()),
            new Constant("ESPIPE", Libc.ESPIPE()),
            new Constant("EROFS", Libc.EROFS()),
            new Constant("EPIPE", Libc.EPIPE()),
            new Constant("ERANGE", Libc.ERANGE()),
            new Constant("ENAMETOOLONG", Libc.ENAMETOOLONG()),
            new Constant("ENOSYS", Libc.ENOSYS()),
            new Constant("ELOOP", Libc.ELOOP()),
            new Constant("ENOTSOCK", Libc.ENOTSOCK()),
            new Constant("EDESTADDRREQ", Libc.EDESTADDRREQ()),
            new Constant("EMSGSIZE", Libc.EMSGSIZE()),
            new Constant("EPROTOTYPE", Libc.EPROTOTYPE()),
            new Constant("ENOPROTOOPT", Libc.ENOPROTOOPT()),
            new Constant("EPROTONOSUPPORT", Libc.EPROTONOSUPPORT()),
            new Constant("ESOCKTNOSUPPORT", Libc.ESOCKTNOSUPPORT()),
            new Constant("EOPNOTSUPP", Libc.EOPNOTSUPP()),
            new Constant("EAFNOSUPPORT", Libc.EAFNOSUPPORT()),
            new Constant("EADDRINUSE", Libc.EADDRINUSE()),
            new Constant("EADDRNOTAVAIL", Libc.EADDRNOTAVAIL()),
            new Constant("ENETDOWN", Libc.ENETDOWN()),
            new Constant("ENETUNREACH", Libc.ENETUNREACH()),
            new Constant("ECONNABORTED", Libc.ECONNABORTED()),
            new Constant("ECONNRESET", Libc.ECONNRESET()),
            new Constant("ENOBUFS", Libc.ENOBUFS()),
            new Constant("EISCONN", Libc.EISCONN()),
            new Constant("ENOTCONN", Libc.ENOTCONN()),
            new Constant("ESHUTDOWN", Libc.ESHUTDOWN()),
            new Constant("ETOOMANYREFS", Libc.ETOOMANYREFS()),
            new Constant("ETIMEDOUT", Libc.ETIMEDOUT()),
            new Constant("ECONNREFUSED", Libc.ECONNREFUSED()),
            new Constant("EALREADY", Libc.EALREADY()),
            new Constant("EINPROGRESS", Libc.EINPROGRESS()),
            new Constant("SO_ERROR", Libc.SO_ERROR()),
            new Constant("SO_LINGER", Libc.SO_LINGER()),
            new Constant("SO_ACCEPTCONN", Libc.SO_ACCEPTCONN()),
            new Constant("SO_PASSSEC", Libc.SO_PASSSEC()),
            new Constant("SO_DOMAIN", Libc.SO_DOMAIN()),
            new Constant("SO_PASSPIDFD", Libc.SO_PASSPIDFD()),
            new Constant("SO_PEERPIDFD", Libc.SO_PEERPIDFD()),
            new Constant("SCM_SECURITY", Libc.SCM_SECURITY()),
            new Constant("SCM_PIDFD", Libc.SCM_PIDFD()),
            new Constant("IPPROTO_IP", Libc.IPPROTO_IP()),
            new Constant("IPPROTO_IPV6", Libc.IPPROTO_IPV6()),
            new Constant("O_RDONLY", Libc.O_RDONLY()),
            new Constant("O_WRONLY", Libc.O_WRONLY()),
            new Constant("O_RDWR", Libc.O_RDWR()),
            new Constant("O_ACCMODE", Libc.O_ACCMODE()),
            new Constant("O_CREAT", Libc.O_CREAT()),
            new Constant("O_EXCL", Libc.O_EXCL()),
            new Constant("O_NOCTTY", Libc.O_NOCTTY()),
            new Constant("O_TRUNC", Libc.O_TRUNC()),
            new Constant("O_APPEND", Libc.O_APPEND()),
            new Constant("O_DSYNC", Libc.O_DSYNC()),
            new Constant("O_SYNC", Libc.O_SYNC()),
            new Constant("O_DIRECTORY", Libc.O_DIRECTORY()),
            new Constant("O_NOFOLLOW", Libc.O_NOFOLLOW()),
            new Constant("F_GETFD", Libc.F_GETFD()),
            new Constant("F_SETFD", Libc.F_SETFD()),
            new Constant("F_GETFL", Libc.F_GETFL()),
            new Constant("F_SETFL", Libc.F_SETFL()),
            new Constant("F_DUPFD_CLOEXEC", Libc.F_DUPFD_CLOEXEC()),
            new Constant("FD_CLOEXEC", Libc.FD_CLOEXEC()),
            new Constant("AT_FDCWD", Libc.AT_FDCWD()),
            new Constant("AT_EMPTY_PATH", Libc.AT_EMPTY_PATH()),
            new Constant("SEEK_SET", Libc.SEEK_SET()),
            new Constant("SEEK_CUR", Libc.SEEK_CUR()),
            new Constant("STATX_TYPE", Libc.STATX_TYPE()),
            new Constant("STATX_INO", Libc.STATX_INO()),
            new Constant("S_IFMT", Libc.S_IFMT()),
            new Constant("S_IFDIR", Libc.S_IFDIR()),
            new Constant("S_IFCHR", Libc.S_IFCHR()),
            new Constant("S_IFBLK", Libc.S_IFBLK()),
            new Constant("S_IFREG", Libc.S_IFREG()),
            new Constant("S_IFIFO", Libc.S_IFIFO()),
            new Constant("S_IFLNK", Libc.S_IFLNK()),
            new Constant("S_IFSOCK", Libc.S_IFSOCK()),
            new Constant("EPOLL_CLOEXEC", Libc.EPOLL_CLOEXEC()),
            new Constant("EPOLL_CTL_ADD", Libc.EPOLL_CTL_ADD()),
            new Constant("EPOLL_CTL_DEL", Libc.EPOLL_CTL_DEL()),
            new Constant("EPOLL_CTL_MOD", Libc.EPOLL_CTL_MOD()),
            new Constant("EPOLLIN", Libc.EPOLLIN()),
            new Constant("EPOLLOUT", Libc.EPOLLOUT()),
            new Constant("EPOLLERR", Libc.EPOLLERR()),
            new Constant("EPOLLHUP", Libc.EPOLLHUP()),
            new Constant("EPOLLRDHUP", Libc.EPOLLRDHUP()),
            new Constant("EPOLLONESHOT", Libc.EPOLLONESHOT()),
            new Constant("EFD_CLOEXEC", Libc.EFD_CLOEXEC()),
            new Constant("EFD_NONBLOCK", Libc.EFD_NONBLOCK()));

    private static final List<Struct> STRUCTS = List.of(
            new Struct("msghdr", msghdr.layout()),
            new Struct("iovec", iovec.layout()),
            new Struct("cmsghdr", cmsghdr.layout()),
            new Struct("ucred", ucred.layout()),
            new Struct("sockaddr_un", sockaddr_un.layout()),
            new Struct("sockaddr_storage", sockaddr_storage.layout()),
            new Struct("mmsghdr", mmsghdr.layout()),
            new Struct("linger", linger.layout()),
            new Struct("in_addr", in_addr.layout()),
            new Struct("sockaddr_in", sockaddr_in.layout()),
            new Struct("in6_addr", in6_addr.layout()),
            new Struct("sockaddr_in6", sockaddr_in6.layout()),
            new Struct("statx_timestamp", statx_timestamp.layout()),
            new Struct("statx", statx.layout()),
            new Struct("epoll_event", epoll_event.layout()),
            new Struct("union", "epoll_data", epoll_data.layout()));

    private static final List<Field> FIELDS = List.of(
            field("msghdr", "msg_name", msghdr.msg_name$offset(), msghdr.msg_name$layout()),
            field("msghdr", "msg_namelen", msghdr.msg_namelen$offset(), msghdr.msg_namelen$layout()),
            field("msghdr", "msg_iov", msghdr.msg_iov$offset(), msghdr.msg_iov$layout()),
            field("msghdr", "msg_iovlen", msghdr.msg_iovlen$offset(), msghdr.msg_iovlen$layout()),
            field("msghdr", "msg_control", msghdr.msg_control$offset(), msghdr.msg_control$layout()),
            field("msghdr", "msg_controllen", msghdr.msg_controllen$offset(), msghdr.msg_controllen$layout()),
            field("msghdr", "msg_flags", msghdr.msg_flags$offset(), msghdr.msg_flags$layout()),
            field("iovec", "iov_base", iovec.iov_base$offset(), iovec.iov_base$layout()),
            field("iovec", "iov_len", iovec.iov_len$offset(), iovec.iov_len$layout()),
            field("cmsghdr", "cmsg_len", cmsghdr.cmsg_len$offset(), cmsghdr.cmsg_len$layout()),
            field("cmsghdr", "cmsg_level", cmsghdr.cmsg_level$offset(), cmsghdr.cmsg_level$layout()),
            field("cmsghdr", "cmsg_type", cmsghdr.cmsg_type$offset(), cmsghdr.cmsg_type$layout()),
            new Field("cmsghdr", "__cmsg_data", cmsghdr.__cmsg_data$offset(), Optional.empty()),
            field("ucred", "pid", ucred.pid$offset(), ucred.pid$layout()),
            field("ucred", "uid", ucred.uid$offset(), ucred.uid$layout()),
            field("ucred", "gid", ucred.gid$offset(), ucred.gid$layout()),
            field("sockaddr_un", "sun_family", sockaddr_un.sun_family$offset(), sockaddr_un.sun_family$layout()),
            field("sockaddr_un", "sun_path", sockaddr_un.sun_path$offset(), sockaddr_un.sun_path$layout()),
            field("sockaddr_storage", "ss_family", sockaddr_storage.ss_family$offset(),
                    sockaddr_storage.ss_family$layout()),
            field("sockaddr_storage", "__ss_padding", sockaddr_storage.__ss_padding$offset(),
                    sockaddr_storage.__ss_padding$layout()),
            field("sockaddr_storage", "__ss_align", sockaddr_storage.__ss_align$offset(),
                    sockaddr_storage.__ss_align$layout()),
            field("mmsghdr", "msg_hdr", mmsghdr.msg_hdr$offset(), mmsghdr.msg_hdr$layout()),
            field("mmsghdr", "msg_len", mmsghdr.msg_len$offset(), mmsghdr.msg_len$layout()),
            field("linger", "l_onoff", linger.l_onoff$offset(), linger.l_onoff$layout()),
            field("linger", "l_linger", linger.l_linger$offset(), linger.l_linger$layout()),
            field("in_addr", "s_addr", in_addr.s_addr$offset(), in_addr.s_addr$layout()),
            field("sockaddr_in", "sin_family", sockaddr_in.sin_family$offset(), sockaddr_in.sin_family$layout()),
            field("sockaddr_in", "sin_port", sockaddr_in.sin_port$offset(), sockaddr_in.sin_port$layout()),
            field("sockaddr_in", "sin_addr", sockaddr_in.sin_addr$offset(), sockaddr_in.sin_addr$layout()),
            field("sockaddr_in", "sin_zero", sockaddr_in.sin_zero$offset(), sockaddr_in.sin_zero$layout()),
            field("in6_addr", "__in6_u", in6_addr.__in6_u$offset(), in6_addr.__in6_u$layout()),
            field("sockaddr_in6", "sin6_family", sockaddr_in6.sin6_family$offset(), sockaddr_in6.sin6_family$layout()),
            field("sockaddr_in6", "sin6_port", sockaddr_in6.sin6_port$offset(), sockaddr_in6.sin6_port$layout()),
            field("sockaddr_in6", "sin6_flowinfo", sockaddr_in6.sin6_flowinfo$offset(), sockaddr_in6.sin6_flowinfo$layout()),
            field("sockaddr_in6", "sin6_addr", sockaddr_in6.sin6_addr$offset(), sockaddr_in6.sin6_addr$layout()),
            field("sockaddr_in6", "sin6_scope_id", sockaddr_in6.sin6_scope_id$offset(), sockaddr_in6.sin6_scope_id$layout()),
            field("statx_timestamp", "tv_sec", statx_timestamp.tv_sec$offset(), statx_timestamp.tv_sec$layout()),
            field("statx_timestamp", "tv_nsec", statx_timestamp.tv_nsec$offset(), statx_timestamp.tv_nsec$layout()),
            field("statx_timestamp", "__reserved", statx_timestamp.__reserved$offset(), statx_timestamp.__reserved$layout()),
            field("statx", "stx_mask", statx.stx_mask$offset(), statx.stx_mask$layout()),
            field("statx", "stx_blksize", statx.stx_blksize$offset(), statx.stx_blksize$layout()),
            field("statx", "stx_attributes", statx.stx_attributes$offset(), statx.stx_attributes$layout()),
            field("statx", "stx_nlink", statx.stx_nlink$offset(), statx.stx_nlink$layout()),
            field("statx", "stx_uid", statx.stx_uid$offset(), statx.stx_uid$layout()),
            field("statx", "stx_gid", statx.stx_gid$offset(), statx.stx_gid$layout()),
            field("statx", "stx_mode", statx.stx_mode$offset(), statx.stx_mode$layout()),
            field("statx", "__spare0", statx.__spare0$offset(), statx.__spare0$layout()),
            field("statx", "stx_ino", statx.stx_ino$offset(), statx.stx_ino$layout()),
            field("statx", "stx_size", statx.stx_size$offset(), statx.stx_size$layout()),
            field("statx", "stx_blocks", statx.stx_blocks$offset(), statx.stx_blocks$layout()),
            field("statx", "stx_attributes_mask", statx.stx_attributes_mask$offset(), statx.stx_attributes_mask$layout()),
            field("statx", "stx_atime", statx.stx_atime$offset(), statx.stx_atime$layout()),
            field("statx", "stx_btime", statx.stx_btime$offset(), statx.stx_btime$layout()),
            field("statx", "stx_ctime", statx.stx_ctime$offset(), statx.stx_ctime$layout()),
            field("statx", "stx_mtime", statx.stx_mtime$offset(), statx.stx_mtime$layout()),
            field("statx", "stx_rdev_major", statx.stx_rdev_major$offset(), statx.stx_rdev_major$layout()),
            field("statx", "stx_rdev_minor", statx.stx_rdev_minor$offset(), statx.stx_rdev_minor$layout()),
            field("statx", "stx_dev_major", statx.stx_dev_major$offset(), statx.stx_dev_major$layout()),
            field("statx", "stx_dev_minor", statx.stx_dev_minor$offset(), statx.stx_dev_minor$layout()),
            field("statx", "stx_mnt_id", statx.stx_mnt_id$offset(), statx.stx_mnt_id$layout()),
            field("statx", "stx_dio_mem_align", statx.stx_dio_mem_align$offset(), statx.stx_dio_mem_align$layout()),
            field("statx", "stx_dio_offset_align", statx.stx_dio_offset_align$offset(), statx.stx_dio_offset_align$layout()),
            field("statx", "__spare3", statx.__spare3$offset(), statx.__spare3$layout()),
            field("epoll_event", "events", epoll_event.events$offset(), epoll_event.events$layout()),
            field("epoll_event", "data", epoll_event.data$offset(), epoll_event.data$layout()),
            field("epoll_data", "ptr", epoll_data.ptr$offset(), epoll_data.ptr$layout()),
            field("epoll_data", "fd", epoll_data.fd$offset(), epoll_data.fd$layout()),
            field("epoll_data", "u32", epoll_data.u32$offset(), epoll_data.u32$layout()),
            field("epoll_data", "u64", epoll_data.u64$offset(), epoll_data.u64$layout()));

    private static Path jextractDir;
    private static Map<String, Long> probeOutput;

    private static Field field(String struct, String name, long offset, MemoryLayout layout) {
        return new Field(struct, name, offset, Optional.of(layout.byteSize()));
    }

    @BeforeAll
    @Timeout(120)
    static void compileAndRunTheProbe(@TempDir Path dir) throws IOException, InterruptedException {
        Optional<Path> gcc = onPath("gcc");
        assumeTrue(gcc.isPresent(), "gcc is needed for the layout probe (it compiles a C program that prints the "
                + "sizes, offsets and constants of the C headers); install it (Debian: apt-get install gcc) to run these tests");

        // Surefire runs tests in the project directory and says so in "basedir"; an IDE usually does the same.
        jextractDir = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("jextract");
        assertThat(jextractDir.resolve("libc.h"))
                .as("the header jextract reads, which the probe includes so that both see the same declarations")
                .isRegularFile();

        Path source = dir.resolve("probe.c");
        Path binary = dir.resolve("probe");
        Files.writeString(source, probeSource());
        String compiled = run(List.of(gcc.get().toString(), "-std=gnu11", "-Wall",
                "-I", jextractDir.toString(), "-o", binary.toString(), source.toString()));
        assertThat(binary).as("the probe binary; gcc said:%n%s", compiled).isExecutable();

        probeOutput = run(List.of(binary.toString())).lines()
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> Long.parseLong(pair[1])));
    }

    @Test
    void everyConstantHasTheValueOfTheCHeaders() {
        assertAgree(CONSTANTS.stream()
                .map(constant -> new Check("Libc.%s() against %s in the C headers".formatted(constant.name(), constant.name()),
                        constant.value(), probed("constant." + constant.name())))
                .toList());
    }

    @Test
    void everyStructHasTheSizeAndAlignmentOfTheCStruct() {
        List<Check> checks = new ArrayList<>();
        for (Struct struct : STRUCTS) {
            checks.add(new Check("%s.sizeof() against sizeof(struct %s)".formatted(struct.name(), struct.name()),
                    struct.layout().byteSize(), probed("sizeof." + struct.name())));
            checks.add(new Check("%s.layout().byteAlignment() against _Alignof(struct %s)".formatted(struct.name(), struct.name()),
                    struct.layout().byteAlignment(), probed("alignof." + struct.name())));
        }
        assertAgree(checks);
    }

    @Test
    void everyFieldHasTheOffsetAndSizeOfTheCField() {
        List<Check> checks = new ArrayList<>();
        for (Field field : FIELDS) {
            String path = field.struct() + "." + field.name();
            checks.add(new Check("%s$offset() against offsetof(struct %s, %s)".formatted(path, field.struct(), field.name()),
                    field.offset(), probed("offsetof." + path)));
            field.size().ifPresent(size -> checks.add(new Check(
                    "%s$layout().byteSize() against sizeof that C field".formatted(path), size, probed("sizeof." + path))));
        }
        assertAgree(checks);
    }

    @Test
    void flexibleControlMessageDataStartsRightAfterTheHeader() {
        assertThat(cmsghdr.__cmsg_data$layout().byteSize())
                .as("the flexible array cmsghdr.__cmsg_data[], which has no size of its own")
                .isZero();
        assertThat(cmsghdr.__cmsg_data$offset())
                .as("where control-message data starts: right after the header, with no padding on LP64")
                .isEqualTo(cmsghdr.sizeof())
                .isEqualTo(probed("CMSG_LEN.0"));
    }

    @Test
    void cmsgMacrosMatchTheFormulaBuiltOnCmsghdrSize() {
        // What the Java side computes: the header and the payload are each padded to the alignment of size_t.
        long alignment = Libc.C_LONG.byteSize();
        long header = cmsgAlign(cmsghdr.sizeof(), alignment);
        List<Check> checks = new ArrayList<>();
        for (int n : CMSG_PAYLOADS) {
            checks.add(new Check("CMSG_ALIGN(%d)".formatted(n), cmsgAlign(n, alignment), probed("CMSG_ALIGN." + n)));
            checks.add(new Check("CMSG_LEN(%d) = CMSG_ALIGN(sizeof(struct cmsghdr)) + %d".formatted(n, n),
                    header + n, probed("CMSG_LEN." + n)));
            checks.add(new Check("CMSG_SPACE(%d) = CMSG_ALIGN(sizeof(struct cmsghdr)) + CMSG_ALIGN(%d)".formatted(n, n),
                    header + cmsgAlign(n, alignment), probed("CMSG_SPACE." + n)));
        }
        assertAgree(checks);
    }

    @Test
    void probeCoversEveryStructFieldAndConstantOfTheBindings() throws IOException {
        List<String> args = Files.readAllLines(jextractDir.resolve("libc.args"), StandardCharsets.UTF_8);
        assertThat(CONSTANTS.stream().map(Constant::name))
                .as("the constants this test probes, against every --include-constant of jextract/libc.args")
                .containsExactlyInAnyOrderElementsOf(optionValues(args, "--include-constant"));
        assertThat(STRUCTS.stream().map(Struct::name))
                .as("the structs and unions this test probes, against every --include-struct and --include-union of jextract/libc.args")
                .containsExactlyInAnyOrderElementsOf(Stream.concat(optionValues(args, "--include-struct").stream(),
                        optionValues(args, "--include-union").stream()).toList());
        for (Struct struct : STRUCTS) {
            assertThat(FIELDS.stream().filter(field -> field.struct().equals(struct.name())).map(Field::name))
                    .as("the fields of %s this test probes, against the fields the bindings have", struct.name())
                    .containsExactlyInAnyOrderElementsOf(fieldsOf(struct.name()));
        }
    }

    /** One value as the bindings (or the Java formula) have it and as the C compiler has it. */
    private record Check(String what, long java, long c) {
        @Override
        public String toString() {
            return "%s: Java %d, C %d".formatted(what, java, c);
        }
    }

    /** Reports every disagreement at once, not only the first. */
    private static void assertAgree(List<Check> checks) {
        assertThat(checks)
                .as("values on which the Java bindings and the C compiler disagree")
                .filteredOn(check -> check.java() != check.c())
                .isEmpty();
    }

    private static long cmsgAlign(long length, long alignment) {
        return (length + alignment - 1) & -alignment;
    }

    private static long probed(String key) {
        assertThat(probeOutput).as("what the probe printed").containsKey(key);
        return probeOutput.get(key);
    }

    /** The C program: one {@code key=value} line per struct size, alignment, field and constant. */
    private static String probeSource() {
        StringBuilder lines = new StringBuilder();
        for (Struct struct : STRUCTS) {
            line(lines, "sizeof." + struct.name(), "sizeof(" + struct.cType() + ")");
            line(lines, "alignof." + struct.name(), "_Alignof(" + struct.cType() + ")");
        }
        for (Field field : FIELDS) {
            String key = field.struct() + "." + field.name();
            String type = STRUCTS.stream().filter(s -> s.name().equals(field.struct())).findFirst().orElseThrow().cType();
            line(lines, "offsetof." + key, "offsetof(" + type + ", " + field.name() + ")");
            if (field.size().isPresent()) {
                line(lines, "sizeof." + key, "sizeof(((" + type + " *) 0)->" + field.name() + ")");
            }
        }
        for (Constant constant : CONSTANTS) {
            line(lines, "constant." + constant.name(), constant.name());
        }
        for (int n : CMSG_PAYLOADS) {
            line(lines, "CMSG_ALIGN." + n, "CMSG_ALIGN(" + n + ")");
            line(lines, "CMSG_LEN." + n, "CMSG_LEN(" + n + ")");
            line(lines, "CMSG_SPACE." + n, "CMSG_SPACE(" + n + ")");
        }
        return """
                #include "libc.h"
                #include <stddef.h>
                #include <stdio.h>

                int main(void) {
                %s    return 0;
                }
                """.formatted(lines);
    }

    private static void line(StringBuilder lines, String key, String expression) {
        lines.append("    printf(\"%s=%lld\\n\", \"").append(key).append("\", (long long) (").append(expression).append("));\n");
    }

    private static List<String> optionValues(List<String> args, String option) {
        return args.stream()
                .map(String::strip)
                .filter(line -> line.startsWith(option + " "))
                .map(line -> line.substring(option.length()).strip())
                .toList();
    }

    /** The fields a struct class binds, found from its {@code f$offset()} methods. */
    private static List<String> fieldsOf(String struct) {
        try {
            Class<?> type = Class.forName(LayoutTest.class.getPackageName() + "." + struct);
            return Arrays.stream(type.getDeclaredMethods())
                    .filter(method -> Modifier.isPublic(method.getModifiers()))
                    .map(Method::getName)
                    .filter(name -> name.endsWith("$offset"))
                    .map(name -> name.substring(0, name.length() - "$offset".length()))
                    .toList();
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no binding class for struct " + struct, e);
        }
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Runs a command to completion and returns its output, failing the test when it fails. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("exit status of %s; it printed:%n%s", command, output).isZero();
        Fds.closePipes(process);
        return output;
    }
}
