# Sourced by bench/asio_diff.sh and bench/qcoro_diff.sh: one program built
# stock and with the plugin in pack and lower mode, each build run with the
# allocation counter preloaded, and the three compared.
#
#   run_modes OUT NAME LEVEL PLUGIN COUNTER CXX ARGS...
#
# builds `CXX ARGS... -LEVEL -o OUT/NAME.<mode>` (plus -fpass-plugin=PLUGIN
# and COROPACK_MODE=<mode> for pack and lower), runs each build for at most
# 60 s with only the program preloaded with COUNTER (env after timeout), and
# prints one line: the stock run's exit status, line count and allocations,
# then per mode "same" or "DIFFERS" and its allocations, "(MORE THAN STOCK)"
# when it allocates more often or more bytes. RUN_N[mode] and RUN_B[mode]
# get the allocations and bytes. Returns 1 when a build fails, a mode prints
# something else, or allocates more than stock.
declare -A RUN_N RUN_B
run_modes() {
  local out=$1 n=$2 lvl=$3 plugin=$4 counter=$5 line rc=0 m an ab sn=0 sb=0
  shift 5
  line="$n -$lvl:"
  for m in stock pack lower; do
    local extra=()
    [ "$m" = stock ] || extra=("-fpass-plugin=$plugin")
    [ "$m" = stock ] || line+=";"
    RUN_N[$m]=0 RUN_B[$m]=0
    if ! COROPACK_MODE=$m "$@" -"$lvl" -o "$out/$n.$m" "${extra[@]}" 2>"$out/$n.$m.err"; then
      line+=" $m BUILD FAILED ($(tail -1 "$out/$n.$m.err"))"
      rc=1
      continue
    fi
    : >"$out/$n.$m.alloc"
    timeout 60 env QT_QPA_PLATFORM=offscreen LD_PRELOAD="$counter" COROPACK_ALLOC_LOG="$out/$n.$m.alloc" \
      "$out/$n.$m" >"$out/$n.$m.out" 2>&1
    echo "exit $?" >>"$out/$n.$m.out"
    read -r an ab < <(awk '/^allocations/ { n = $2; b = $4 } END { print n + 0, b + 0 }' "$out/$n.$m.alloc")
    RUN_N[$m]=$an RUN_B[$m]=$ab
    if [ "$m" = stock ]; then
      sn=$an sb=$ab
      line+=" stock $(tail -1 "$out/$n.$m.out"), $(wc -l <"$out/$n.$m.out") lines, $an allocations $ab bytes"
      continue
    fi
    if cmp -s "$out/$n.stock.out" "$out/$n.$m.out"; then
      line+=" $m same, $an allocations $ab bytes"
    else
      line+=" $m DIFFERS"
      rc=1
    fi
    if [ "$an" -gt "$sn" ] || [ "$ab" -gt "$sb" ]; then
      line+=" (MORE THAN STOCK)"
      rc=1
    fi
  done
  echo "$line"
  return $rc
}
