package io.github.sendmsg.channel;

import io.github.sendmsg.internal.Constants;

/** The names of socket families and types, for messages and {@link Descriptor#describe()}. */
final class Names {

    private Names() {
    }

    static String family(int family) {
        if (family == Constants.AF_UNIX) {
            return "AF_UNIX";
        } else if (family == Constants.AF_INET) {
            return "AF_INET";
        } else if (family == Constants.AF_INET6) {
            return "AF_INET6";
        }
        return "family " + family;
    }

    static String type(int type) {
        if (type == Constants.SOCK_STREAM) {
            return "SOCK_STREAM";
        } else if (type == Constants.SOCK_DGRAM) {
            return "SOCK_DGRAM";
        } else if (type == Constants.SOCK_SEQPACKET) {
            return "SOCK_SEQPACKET";
        }
        return "type " + type;
    }
}
