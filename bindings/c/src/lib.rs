//! The C interface of kizuna (`libkizuna.so`, `libkizuna.a`, header `include/kizuna.h`).
//!
//! A thin layer over the `kizuna` crate: it checks what C hands over (NULL pointers, UTF-8,
//! enum values), converts, calls the core, and reports failures as a `KzStatus` plus a
//! thread-local message (`kz_last_error_message`). No logic of its own, and no panic
//! crosses into C: every entry point catches it and returns `KZ_STATUS_PANIC`.
//!
//! Conventions, the same for every function:
//! - Text in is `(const uint8_t *text, size_t len)`, UTF-8, not NUL-terminated; `text` may be
//!   NULL when `len` is 0.
//! - Results go through out-parameters, set to NULL or zero first, so a failed call never
//!   leaves a stale value behind.
//! - Strings out are NUL-terminated, with their length (NULs inside included) through an
//!   optional `size_t *`; free them with `kz_string_free`.
//! - Handles come in create/free pairs; every free function accepts NULL.
//! - Times are Unix seconds (`int64_t`).

mod classify;
mod ffi;
mod sla;
mod text;

pub use classify::*;
pub use ffi::{KzStatus, kz_last_error_message, kz_status_name, kz_string_free};
pub use sla::*;
pub use text::*;

/// Major version of the library this header belongs to.
pub const KZ_VERSION_MAJOR: u32 = 0;
/// Minor version of the library this header belongs to.
pub const KZ_VERSION_MINOR: u32 = 1;
/// Patch version of the library this header belongs to.
pub const KZ_VERSION_PATCH: u32 = 0;
/// The ABI generation: raised on any change that breaks callers compiled against an older
/// header. Compare with `kz_abi_version` at start-up.
pub const KZ_ABI_VERSION: u32 = 1;

/// The ABI generation of the library actually loaded (see `KZ_ABI_VERSION`).
///
/// Thread-safe.
///
/// ```c
/// if (kz_abi_version() != KZ_ABI_VERSION) { fprintf(stderr, "wrong libkizuna\n"); exit(1); }
/// ```
#[unsafe(no_mangle)]
pub extern "C" fn kz_abi_version() -> u32 {
    KZ_ABI_VERSION
}

/// The version of the library actually loaded, as a static NUL-terminated string ("0.1.0");
/// never free it.
///
/// Thread-safe.
///
/// ```c
/// printf("kizuna %s\n", kz_version());
/// ```
#[unsafe(no_mangle)]
pub extern "C" fn kz_version() -> *const std::ffi::c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_constants_follow_the_crate() {
        let parse = |s: &str| s.parse::<u32>().expect("numeric version");
        assert_eq!(KZ_VERSION_MAJOR, parse(env!("CARGO_PKG_VERSION_MAJOR")));
        assert_eq!(KZ_VERSION_MINOR, parse(env!("CARGO_PKG_VERSION_MINOR")));
        assert_eq!(KZ_VERSION_PATCH, parse(env!("CARGO_PKG_VERSION_PATCH")));
        // SAFETY: kz_version returns a static NUL-terminated string.
        let version = unsafe { std::ffi::CStr::from_ptr(kz_version()) };
        assert_eq!(version.to_str(), Ok(env!("CARGO_PKG_VERSION")));
    }

    /// The committed header is what cbindgen makes of the sources; `KIZUNA_BLESS=1` rewrites it.
    #[test]
    fn committed_header_is_current() {
        let dir = env!("CARGO_MANIFEST_DIR");
        let config = cbindgen::Config::from_file(format!("{dir}/cbindgen.toml")).expect("config");
        let mut generated = Vec::new();
        cbindgen::Builder::new()
            .with_crate(dir)
            .with_config(config)
            .generate()
            .expect("header generates")
            .write(&mut generated);
        let path = format!("{dir}/include/kizuna.h");
        if std::env::var_os("KIZUNA_BLESS").is_some() {
            std::fs::write(&path, &generated).expect("header written");
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "include/kizuna.h is out of date: run `KIZUNA_BLESS=1 cargo test -p kizuna-c` and commit it"
        );
    }
}
