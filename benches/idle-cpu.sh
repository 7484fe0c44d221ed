#!/bin/bash
# Usage: cargo build --release && bash benches/idle-cpu.sh   (needs Xvfb: apt-get install xvfb)
# Measures the CPU time the app uses while its window is open and untouched.
Xvfb :77 -screen 0 1400x900x24 >/dev/null 2>&1 &
XPID=$!
sleep 1
DISPLAY=:77 XDG_DATA_HOME=$(mktemp -d) ./target/release/aras >/dev/null 2>&1 &
APID=$!
sleep 5
T0=$(awk '{print $14+$15}' /proc/$APID/stat)
sleep 20
T1=$(awk '{print $14+$15}' /proc/$APID/stat)
TCK=$(getconf CLK_TCK)
echo "cpu ticks over 20 s idle: $((T1-T0)) (tick = 1/$TCK s) => $(python3 -c "print(round(($T1-$T0)/$TCK/20*100,3))") % of one core"
kill $APID $XPID
