# Sourced by bin/java and bin/jshell: compiles the library unless its classes are newer than every
# source (the build finds a JDK 22+ by itself and records it), then sets $root, $home (that JDK) and
# $jdk (its version) from target/build-jdk.properties.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
built="$root/target/build-jdk.properties"
if [[ ! -f "$built" || ! -d "$root/target/classes" ]] \
        || [[ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$built" -print -quit)" ]]; then
    echo "Compiling the library (./mvnw -q process-classes) …" >&2
    (cd "$root" && ./mvnw -q -B process-classes </dev/null >&2)
fi
property() {
    sed -n "s/^$1=//p" "$built" | sed 's/\\\\/\\/g'
}
home="$(property build.java.home)"
jdk="$(property build.jdk)"
if [[ -z "$home" || ! -x "$home/bin/java" ]]; then
    echo "$(basename "$0"): no JDK where the build recorded one ('$home'); run ./mvnw process-classes" >&2
    exit 1
fi
