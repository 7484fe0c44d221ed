#!/usr/bin/env python3
"""Start to map on screen, polled (issue 13), for benches/drag.sh.

Usage: poll_map.py READY_FILE X Y   (DISPLAY set)

Opens the display, reads the pixel at (X, Y) of the root window (what is blank before
the app's window), writes READY_FILE, then reads that pixel every ~2 ms with libX11's
XGetImage (one persistent connection: ~0.1 ms a read, where ImageMagick's `import`
costs tens of ms a call). Once the pixel is neither blank nor black it keeps polling
for 0.6 s and prints the wall clock (ns since the epoch) at which the pixel first took
the value it then kept: the first frame with the map drawn there. Prints -1 after 20 s.
Only the standard library (ctypes); no new dependency.
"""

import ctypes
import ctypes.util
import sys
import time


def main() -> int:
    ready, x, y = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xlib.XGetImage.restype = ctypes.c_void_p
    xlib.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                               ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
    xlib.XGetPixel.restype = ctypes.c_ulong
    xlib.XGetPixel.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
    xlib.XDestroyImage.argtypes = [ctypes.c_void_p]
    dpy = xlib.XOpenDisplay(None)
    if not dpy:
        print(-1)
        return 1
    root = xlib.XDefaultRootWindow(dpy)
    all_planes, z_pixmap = 0xFFFFFFFF, 2

    def pixel() -> int:
        img = xlib.XGetImage(dpy, root, x, y, 1, 1, all_planes, z_pixmap)
        if not img:
            return -1
        v = xlib.XGetPixel(img, 0, 0) & 0xFFFFFF
        xlib.XDestroyImage(img)
        return v

    blank = pixel()
    with open(ready, "w") as f:
        f.write("ready\n")
    start = time.monotonic()
    seen = []  # (wall ns, value) at each change
    last = blank
    first_drawn = None
    while True:
        now = time.monotonic()
        v = pixel()
        if v != last:
            seen.append((time.time_ns(), v))
            last = v
            if first_drawn is None and v not in (blank, 0, -1):
                first_drawn = now
        if first_drawn is not None and now - first_drawn > 0.6:
            break
        if now - start > 20:
            print(-1)
            return 1
        time.sleep(0.002)
    # The pixel's last change: when it took the value it kept.
    print(seen[-1][0])
    print(" ".join(f"{ns}:{v:06x}" for ns, v in seen), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
