#!/bin/sh
# check_symbols.sh SHARED_OR_STATIC_LIB AMALG_STATIC_LIB
# Fails if any exported (shared) or externally defined (static) symbol does
# not start with hk_. Prints the offenders.
status=0
for lib in "$@"; do
  case "$lib" in
    *.so|*.so.*) syms=$(nm -D --defined-only "$lib" | awk 'NF==3 {print $3}') ;;
    *) syms=$(nm --defined-only -g "$lib" 2>/dev/null | awk 'NF==3 {print $3}') ;;
  esac
  if [ -z "$syms" ]; then
    echo "FAIL $lib: no symbols found"; status=1; continue
  fi
  bad=$(printf '%s\n' "$syms" | grep -v '^hk_' | grep -v -E '^(_init|_fini|__bss_start|_edata|_end)$' || true)
  # Internal hk__ names must never be exported either.
  bad2=$(printf '%s\n' "$syms" | grep '^hk__' || true)
  n=$(printf '%s\n' "$syms" | wc -l)
  if [ -n "$bad$bad2" ]; then
    echo "FAIL $lib exports non-hk_ symbols:"; printf '%s\n' $bad $bad2; status=1
  else
    echo "ok $lib: $n symbols, all hk_"
  fi
done
exit $status
