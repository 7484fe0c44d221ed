#!/usr/bin/env bash
# Drag benchmark (issue 13): the release app under Xvfb at 1400x900 with a fresh state
# directory; a 3 s circular drag on the map with xdotool (one process, a move every 8 ms:
# a 125 Hz mouse). Reports, per run:
#   - start to map on screen, two ways: from launch until the map's centre takes the
#     colour it keeps (benches/poll_map.py: libX11 XGetImage every ~2 ms on one
#     connection), and the app's own figure (ARAS_TRACE_STARTUP: from the kernel's start
#     time of the process, 10 ms ticks, to the map's first paint, just before the swap),
#     with the process's CPU time to that paint (steadier under load);
#   - CPU of the process over the drag (utime+stime of all its threads from /proc, % of
#     one core);
#   - frames presented during the drag (Mesa's own counter: GALLIUM_HUD=fps dumped to a
#     file once per presented frame, not drawn), and CPU per presented frame;
#   - memory after the drag (PSS from /proc/PID/smaps_rollup, MiB);
# then the median of each figure over the runs.
# Usage: cargo build --release && bash benches/drag.sh [RUNS] [ARAS ARGS…]
#        SYNTHETIC=1000000 bash benches/drag.sh 5   (a synthetic atlas of 1M polygon
#        vertices, written by `aras bench --write-synthetic DIR --vertices N`)
#        PERF_OUT=/tmp/drag.perf bash benches/drag.sh 1   (also records `perf` call graphs
#        of the app over the drag; `perf report -i /tmp/drag.perf --no-children`)
# Needs: xvfb xdotool python3 (apt-get install xvfb xdotool python3).
# A benchmark, not a test: it prints figures and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
bin=${ARAS_BIN:-target/release/aras}
extra=()
if [ -n "${SYNTHETIC:-}" ]; then
    synth=$(mktemp -d)
    trap 'rm -rf "$synth"' EXIT
    "$bin" bench --write-synthetic "$synth" --vertices "$SYNTHETIC"
    # An atlas that does not load would open on the error screen and time that.
    "$bin" check --atlas "$synth" >/dev/null || { echo "the synthetic atlas does not load" >&2; exit 1; }
    extra=(--atlas "$synth")
fi
tck=$(getconf CLK_TCK)
# Period 0: Mesa writes one line per presented frame.
period=0

cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
now_ms() { date +%s%3N; }

run_once() {
    local dir xfd disp xpid apid w t0 t_map t_app c_app cpu0 cpu1 f0 f1 drag_ms
    dir=$(mktemp -d)
    Xvfb -displayfd 1 -nolisten tcp -screen 0 1400x900x24 >"$dir/display" 2>/dev/null &
    xpid=$!
    while [ ! -s "$dir/display" ]; do sleep 0.05; done
    disp=":$(head -1 "$dir/display")"
    mkdir -p "$dir/hud"
    # Start to map on screen: a persistent poller reads the map's centre (700,450) every
    # ~2 ms (benches/poll_map.py) and reports when it took the colour it kept.
    DISPLAY=$disp python3 benches/poll_map.py "$dir/ready" 700 450 >"$dir/poll" 2>"$dir/poll.log" &
    local ppid=$!
    while [ ! -s "$dir/ready" ]; do sleep 0.005; done
    # Xvfb starts with the pointer at the screen's centre, over the map: the hovered
    # country's tint would change the polled pixel after the map first shows. The pointer
    # waits in the corner (the side panel), as for a user who has not moved it yet.
    DISPLAY=$disp xdotool mousemove 1399 899
    t0=$(date +%s%N)
    DISPLAY=$disp HOME=$dir XDG_DATA_HOME=$dir/data WINIT_X11_SCALE_FACTOR=1 ARAS_TRACE_STARTUP=1 \
        GALLIUM_HUD=fps GALLIUM_HUD_VISIBLE=false GALLIUM_HUD_PERIOD=$period \
        GALLIUM_HUD_DUMP_DIR=$dir/hud "$bin" "${extra[@]}" "$@" >"$dir/log" 2>&1 &
    apid=$!
    wait $ppid || true
    local t_poll
    t_poll=$(head -1 "$dir/poll")
    if [ "${t_poll:--1}" -lt 0 ]; then echo "no map after 20 s" >&2; t_map=-1; else
        t_map=$(((t_poll - t0) / 1000000)); fi
    # The app's own figure: from the kernel's start time of the process to the first
    # paint of the map (a paint callback, just before the buffer swap).
    t_app=$(awk '/map first painted/{print int($NF); exit}' "$dir/log")
    # The process's CPU time to that paint (all threads): steadier than wall time when
    # other programs load the machine.
    c_app=$(awk '/map first painted/{for (i = 1; i < NF; i++) if ($i == "CPU") {print int($(i+1)); exit}}' "$dir/log")
    w=$(DISPLAY=$disp xdotool search --name Aras | head -1)
    sleep 1
    hudfile=$(ls "$dir/hud"/* 2>/dev/null | head -1 || true)
    f0=$(frames "$hudfile")
    cpu0=$(cpu_ticks $apid)
    local start
    start=$(now_ms)
    # One xdotool process for the whole gesture: press at (850,450), then a 3 s circle of
    # radius 150 px around (700,450), a move every 8 ms (a 125 Hz mouse), then release.
    local moves
    moves=$(awk 'BEGIN{for (i = 0; i <= 375; i++) {a = i / 375 * 6.2832;
        printf "mousemove --window WIN %d %d sleep 0.008 ", 700 + 150 * cos(a), 450 + 150 * sin(a)}}')
    local perf_pid=""
    if [ -n "${PERF_OUT:-}" ]; then
        perf record -q -F 499 -g -p "$apid" -o "$PERF_OUT" 2>/dev/null &
        perf_pid=$!
    fi
    # shellcheck disable=SC2086
    DISPLAY=$disp xdotool mousemove --window "$w" 850 450 mousedown 1 ${moves//WIN/$w} mouseup 1
    drag_ms=$(($(now_ms) - start))
    if [ -n "$perf_pid" ]; then
        kill -INT "$perf_pid" 2>/dev/null || true
        wait "$perf_pid" 2>/dev/null || true
    fi
    cpu1=$(cpu_ticks $apid)
    sleep 0.3
    f1=$(frames "$hudfile")
    pss=$(awk '/^Pss:/{print int($2/1024)}' "/proc/$apid/smaps_rollup" 2>/dev/null || echo -1)
    kill $apid 2>/dev/null || true
    wait $apid 2>/dev/null || true
    kill $xpid 2>/dev/null || true
    wait $xpid 2>/dev/null || true
    awk -v t="$t_map" -v ta="${t_app:--1}" -v ca="${c_app:--1}" -v c="$((cpu1 - cpu0))" -v tck="$tck" -v ms="$drag_ms" -v f="$(awk -v a="$f1" -v b="$f0" 'BEGIN{print a-b}')" -v pss="$pss" \
        'BEGIN{cpu=c/tck; fps=f/(ms/1000); printf "{\"start_to_map_ms\":%d,\"app_start_to_map_ms\":%d,\"app_cpu_to_map_ms\":%d,\"drag_ms\":%d,\"cpu_pct_of_core\":%.0f,\"frames\":%.0f,\"fps\":%.1f,\"cpu_ms_per_frame\":%.1f,\"pss_mib\":%d}\n", t, ta, ca, ms, 100*cpu/(ms/1000), f, fps, (f>0? 1000*cpu/f : -1), pss}'
    rm -rf "$dir"
}

# Frames presented so far: lines in Mesa's dump (one per frame).
frames() {
    [ -n "$1" ] && [ -f "$1" ] || { echo 0; return; }
    wc -l <"$1"
}

results=$(mktemp)
for r in $(seq 1 "$runs"); do
    run_once "$@" | tee -a "$results"
done
# Medians of each figure over the runs.
for k in start_to_map_ms app_start_to_map_ms app_cpu_to_map_ms cpu_pct_of_core fps cpu_ms_per_frame pss_mib; do
    grep -o "\"$k\":[-0-9.]*" "$results" | cut -d: -f2 | sort -g |
        awk -v k="$k" '{v[NR]=$1} END{m=(NR%2)? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "median %s: %s\n", k, m}'
done
rm -f "$results"
