//! Keeps glibc from returning big buffers to the kernel after every frame.
//!
//! Each frame egui builds vertex buffers of a few megabytes. With glibc's defaults those
//! are `mmap`ed and unmapped every frame, and the page faults cost more than drawing:
//! measured with `aras bench`, a default frame takes about 1.6 ms with the defaults and
//! 0.3 ms with big allocations kept on the heap. Other platforms' allocators keep them.

/// Raises glibc's mmap and trim thresholds (Linux with glibc only; elsewhere a no-op).
pub fn keep_frame_buffers() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const LIMIT: libc::c_int = 256 * 1024 * 1024;
        // SAFETY: mallopt only changes allocator tuning parameters; it is called before
        // any other thread allocates (at startup), and both options take byte counts.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, LIMIT);
            libc::mallopt(libc::M_TRIM_THRESHOLD, LIMIT);
        }
    }
}

/// Gives the heap's free memory back to the kernel (glibc `malloc_trim`; elsewhere a
/// no-op). The raised trim threshold keeps what loading and the first frames freed
/// (parsed JSON, the first rasters' buffers, the loader thread's arena): called once
/// the map is on screen, it brings the window's memory back down (issue 13).
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's own heaps; it is
    // thread-safe and takes the padding to keep, in bytes.
    unsafe {
        libc::malloc_trim(0);
    }
}
