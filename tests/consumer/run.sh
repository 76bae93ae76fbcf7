#!/usr/bin/env bash
# tests/consumer/run.sh BUILD_DIR - use hooksock from the outside, the ways
# a user does, with tests/consumer/consumer.c (and consumer.cpp):
#   installed    meson install --destdir into a temporary root, then
#                cc consumer.c $(pkg-config --cflags --libs hooksock); run it
#                against the installed shared library
#   python       the Python binding finding that installed library on the
#                system library path (no HOOKSOCK_LIBRARY)
#   cxx17        consumer.cpp, g++ -std=c++17 -Wall -Wextra -Werror -pedantic,
#                against the installed library
#   subproject   a meson project with hooksock under subprojects/ (a copy of
#                this tree), dependency('hooksock', fallback: ...)
#   amalgamated  only dist/hooksock.h + dist/hooksock.c (scripts/amalgamate):
#                cc -std=c11 -Wall -Wextra -Werror, with gcc and clang
# Prints "ok consumer_NAME" or "FAIL consumer_NAME" per path; the exit
# status is the number of failures.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
here=$root/tests/consumer
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
log=$tmp/log

step() { # step NAME COMMAND...: run, report, keep the log on failure
  local name=$1
  shift
  if "$@" >"$log" 2>&1; then
    echo "ok consumer_$name"
  else
    echo "FAIL consumer_$name"
    tail -n 40 "$log" | sed 's/^/    /'
    fails=$((fails + 1))
  fi
}

installed() {
  meson install -C "$build" --destdir "$tmp/root" --no-rebuild --quiet || return 1
  local pc
  pc=$(find "$tmp/root" -name hooksock.pc -print -quit)
  [ -n "$pc" ] || { echo "no hooksock.pc installed"; return 1; }
  export PKG_CONFIG_PATH=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR=$tmp/root
  export HK_LIBDIR=$(dirname "$(find "$tmp/root" -name 'libhooksock.so.0' -print -quit)")
  echo "pkg-config: $(pkg-config --cflags --libs hooksock)"
  # shellcheck disable=SC2046
  cc -std=c11 -Wall -Wextra -Werror -o "$tmp/consumer_pc" "$here/consumer.c" \
    $(pkg-config --cflags --libs hooksock) || return 1
  readelf -d "$tmp/consumer_pc" | grep -q 'NEEDED.*libhooksock\.so\.0' ||
    { echo "not linked against libhooksock.so.0"; return 1; }
  LD_LIBRARY_PATH=$HK_LIBDIR "$tmp/consumer_pc" | grep -qx ok
}

python_installed() {
  [ -n "${HK_LIBDIR:-}" ] || return 1
  env -u HOOKSOCK_LIBRARY LD_LIBRARY_PATH="$HK_LIBDIR" PYTHONPATH="$root/bindings/python" \
    PYTHONDONTWRITEBYTECODE=1 python3 -c '
import os, sys, hooksock
assert os.path.realpath(hooksock.library_path) != "" and "HOOKSOCK_LIBRARY" not in os.environ
s = hooksock.webhook_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                          "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, b"{\"test\": 2432232314}")
assert s == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", s
print("loaded", hooksock.library_path)
'
}

cxx17() {
  # shellcheck disable=SC2046
  g++ -std=c++17 -Wall -Wextra -Werror -pedantic -o "$tmp/consumer_cxx" "$here/consumer.cpp" \
    $(pkg-config --cflags --libs hooksock) || return 1
  LD_LIBRARY_PATH=$HK_LIBDIR "$tmp/consumer_cxx" | grep -qx ok
}

subproject() {
  local p=$tmp/sub
  mkdir -p "$p/subprojects/hooksock"
  if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$root" && git ls-files -z -co --exclude-standard |
       xargs -0 cp --parents -t "$p/subprojects/hooksock") || return 1
  else
    (cd "$root" && tar --exclude=./build -cf - .) | (cd "$p/subprojects/hooksock" && tar xf -)
  fi
  cp "$here/consumer.c" "$p/"
  cp "$here/meson.build.in" "$p/meson.build"
  meson setup "$p/build" "$p" --force-fallback-for=hooksock || return 1
  ninja -C "$p/build" consumer || return 1
  "$p/build/consumer" | grep -qx ok
}

amalgamated() {
  local cc=$1
  python3 "$root/scripts/amalgamate" --root "$root" --out "$tmp/amalg" || return 1
  ls "$tmp/amalg"
  $cc -std=c11 -Wall -Wextra -Werror -I"$tmp/amalg" -o "$tmp/consumer_amalg_$cc" \
    "$here/consumer.c" "$tmp/amalg/hooksock.c" || return 1
  "$tmp/consumer_amalg_$cc" | grep -qx ok
}

step installed_pkgconfig installed
# The variables exported by installed() are needed by the next steps.
if [ $fails -eq 0 ]; then
  pc=$(find "$tmp/root" -name hooksock.pc -print -quit)
  export PKG_CONFIG_PATH=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR=$tmp/root
  export HK_LIBDIR=$(dirname "$(find "$tmp/root" -name 'libhooksock.so.0' -print -quit)")
fi
step python_system_path python_installed
step cxx17_installed cxx17
step meson_subproject subproject
step amalgamated_gcc amalgamated gcc
if command -v clang >/dev/null; then
  step amalgamated_clang amalgamated clang
fi
exit $fails
