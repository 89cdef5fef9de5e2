#!/usr/bin/env bash
# The benchmark suite, run by `./mvnw -Pbench -DskipTests verify` (docs/benchmarks.md):
#
#   bench.sh JAVA CLASSPATH OUT [JMH options…]
#
# With JMH options (-Djmh.args="…"), it runs JMH with them and nothing else. Without, the whole suite,
# in this order, on an otherwise idle machine:
#   1. the C floor (src/jmh/c/floor.c), compiled with gcc into OUT;
#   2. JMH, the rows held to the floor (three passes)                -> OUT/jmh-floor-{1,2,3}.json
#      and every other workload of every row (W0–W7)                -> OUT/jmh-main.json
#   3. JMH, the scaling curves: bytes 1 B … 1 MiB, 1 … 253 fds       -> OUT/jmh-scaling-*.json
#   4. the C floor, every case                                       -> OUT/floor.json
#   5. the syscall census, strace -f -c of two untimed runs per row  -> OUT/census.json
#   6. the report: tables and plots                                  -> OUT/report.md, docs/img/bench-*.png
# gcc, strace and python3-matplotlib are installed with apt-get when missing and this runs as root;
# otherwise the script says what to install.
set -euo pipefail
java="$1"
classpath="$2"
out="$3"
shift 3
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
jmh=("$java" --enable-native-access=ALL-UNNAMED -cp "$classpath" org.openjdk.jmh.Main)

if [[ $# -gt 0 ]]; then
    exec "${jmh[@]}" "$@"
fi

started=$SECONDS
step() {
    printf '\n== bench: %s (%d min %02d s in) ==\n' "$1" $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60))
}

step "prerequisites"
# The report's plots need matplotlib: the first python3 that has it, else Debian's, which
# python3-matplotlib installs it for.
python=""
for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import matplotlib' 2>/dev/null; then
        python="$candidate"
        break
    fi
done
missing=()
command -v gcc >/dev/null || missing+=(gcc)
command -v strace >/dev/null || missing+=(strace)
[[ -n "$python" ]] || missing+=(python3-matplotlib)
if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "bench: the suite needs ${missing[*]}: apt-get install ${missing[*]} (as root), then run it again" >&2
        exit 1
    fi
    [[ -n "$python" ]] || python=/usr/bin/python3
fi

step "the C floor: gcc"
gcc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -o "$out/floor" "$root/src/jmh/c/floor.c"

# The rows held to the raw FFM floor within 5% (NativeMessage and the channel's NativeMessage path on
# W1-W4) and the floor itself: three passes of one fork each, taken in turn so that a change in the
# machine's load over minutes falls on every row alike, twelve iterations of 250 ms per fork, so that a
# row's best iteration is the best of 36 short windows in three JVMs (one fork's best of five 1 s
# iterations moved by 20% between runs on this kind of machine). The report pools the passes.
held='(RawFfmFloor|OursNativeMessage|OursChannelNative)\.(bytes|descriptor|descriptors)$'
rm -f "$out"/jmh-floor-*.json
for pass in 1 2 3; do
    step "JMH: the rows held to the floor, pass $pass of 3"
    "${jmh[@]}" -f 1 -wi 1 -w 1s -i 12 -r 250ms -prof gc -rf json -rff "$out/jmh-floor-$pass.json" "$held"
done

# Everything else: one fork per benchmark, 2 warm-up and 5 measured iterations of 1 s, about 9 s each.
step "JMH: every workload"
"${jmh[@]}" -f 1 -wi 2 -w 1s -i 5 -r 1s -prof gc -rf json -rff "$out/jmh-main.json" -e "$held"

# The curves add the points the main run has not measured; W1, W3 (64 B, 64 KiB) and W4 (16 fds)
# come from it.
step "JMH: bytes per message, 1 B to 1 MiB"
"${jmh[@]}" -f 1 -wi 1 -w 1s -i 2 -r 1s -prof gc -rf json -rff "$out/jmh-scaling-bytes.json" \
    -p length=1,1024,16384,262144,1048576 '\.bytes$' -e NettyAddress
step "JMH: descriptors per message, 1 to 253"
"${jmh[@]}" -f 1 -wi 1 -w 1s -i 2 -r 1s -prof gc -rf json -rff "$out/jmh-scaling-fds.json" \
    -p count=1,4,64,253 '\.descriptors$'

step "the C floor: every case"
"$out/floor" --all --warmup 0.5 --rounds 5 --time 0.5 > "$out/floor.json"

step "the syscall census"
"$python" "$root/src/jmh/scripts/census.py" --rows "$root/src/jmh/census-rows.json" \
    --floor "$out/floor" --java "$java" --classpath "$classpath" --n1 1000 --n2 3000 --jobs 2 \
    --out "$out/census.json"

step "the report"
"$python" "$root/src/jmh/scripts/report.py" --bench "$out" --img "$root/docs/img" --out "$out/report.md" \
    --classpath "$classpath"
step "done: $out/report.md"
