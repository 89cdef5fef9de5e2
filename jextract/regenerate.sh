#!/usr/bin/env bash
# Regenerates the committed bindings package from libc.h with jextract (see README.md).
#
#   jextract/regenerate.sh [extra jextract options, e.g. -I <dir>]
#
# jextract comes from $JEXTRACT (a path or a command name) or from PATH. The output replaces the
# package only after every class and every method named in libc.args was found in it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
header="$here/libc.h"
args_file="$here/libc.args"

fail() {
    echo "regenerate.sh: $*" >&2
    exit 1
}

where_to_get="Download it from https://jdk.java.net/jextract/ (or build it from https://github.com/openjdk/jextract), then put its bin directory on PATH or set JEXTRACT to the jextract executable."
if [[ -n "${JEXTRACT:-}" ]]; then
    jextract="$(command -v -- "$JEXTRACT")" || fail "JEXTRACT is set to '$JEXTRACT', which is not an executable jextract. $where_to_get"
else
    jextract="$(command -v jextract)" || fail "jextract is not on PATH, and JEXTRACT is not set. $where_to_get"
fi

# libc.args is the one list of what the bindings hold: the package, the header class and the
# expected classes and methods all come from it.
option_values() {
    awk -v option="$1" '$1 == option { print $2 }' "$args_file"
}
package="$(option_values --target-package)"
header_class="$(option_values --header-class-name)"
mapfile -t functions < <(option_values --include-function)
mapfile -t structs < <(option_values --include-struct; option_values --include-union)
mapfile -t constants < <(option_values --include-constant)
[[ -n "$package" && -n "$header_class" ]] \
    || fail "$args_file must name --target-package and --header-class-name."
package_dir="${package//.//}"
target="$root/src/main/java/$package_dir"

work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT

echo "Running $jextract on $header"
"$jextract" @"$args_file" --output "$work/out" "$@" "$header"

generated="$work/out/$package_dir"
missing=()

# Every expected file: the header class, its shared base class and one class per struct.
for class in "$header_class" "$header_class\$shared" "${structs[@]}"; do
    [[ -f "$generated/$class.java" ]] || missing+=("class $class ($class.java)")
done

# Every expected method. A large header is split into $header_class, ${header_class}_1, ...: search
# them all. A constant's type follows its value (int, long, double, MemorySegment), so accept any.
header_sources=()
for source in "$generated/$header_class.java" "$generated/${header_class}"_[0-9]*.java; do
    [[ -f "$source" ]] && header_sources+=("$source")
done
has_method() { # name, parameter-list pattern
    ((${#header_sources[@]} > 0)) \
        && grep -Eq "^ *public static [A-Za-z_.<>]+ $1\($2\) *\{" "${header_sources[@]}"
}
# A variadic function (fcntl, open) comes out as a nested invoker class instead of static methods.
has_invoker() { # name
    ((${#header_sources[@]} > 0)) \
        && grep -Eq "^ *public static class $1 \{" "${header_sources[@]}" \
        && grep -Eq "^ *public static $1 makeInvoker\(" "${header_sources[@]}"
}
for function in "${functions[@]}"; do
    { has_method "$function" '[^)]*' && has_method "$function\\\$address" ''; } || has_invoker "$function" \
        || missing+=("function $function()")
done
for constant in "${constants[@]}"; do
    has_method "$constant" '' || missing+=("constant $constant()")
done

if ((${#missing[@]} > 0)); then
    {
        echo "regenerate.sh: jextract ran but its output lacks what libc.args asks for, so $target was left as it was:"
        printf '  %s\n' "${missing[@]}"
        echo "jextract skips a filter that matches nothing without a word: check that libc.h includes the header that declares each of them, and the spelling in libc.args."
    } >&2
    exit 1
fi

# jextract builds for JDK 23+ call SymbolLookup.findOrThrow (Java 23); the library compiles at
# --release 22, where find(name).orElseThrow() is the same call. Only calls on SYMBOL_LOOKUP are
# rewritten: older jextract builds emit a findOrThrow(String) helper of their own, which must stay.
sed -E -i 's/SYMBOL_LOOKUP\.findOrThrow\(("[^"]*")\)/SYMBOL_LOOKUP.find(\1).orElseThrow()/g' "$generated"/*.java
if grep -q 'SYMBOL_LOOKUP\.findOrThrow(' "$generated"/*.java; then
    fail "some SYMBOL_LOOKUP.findOrThrow(...) calls were not rewritten; $target was left as it was."
fi

# Replace the package wholesale so that nothing from an earlier generation lingers.
rm -rf -- "$target"
mkdir -p -- "$target"
cp -- "$generated"/*.java "$target"/
echo "Regenerated $package in $target: ${#structs[@]} structs, ${#functions[@]} functions, ${#constants[@]} constants."
