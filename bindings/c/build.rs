//! Gives the shared library an ELF soname that follows the major version, so programs
//! linked against `libkizuna.so` load `libkizuna.so.<major>` and survive compatible updates.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_else(|_| "0".into());
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libkizuna.so.{major}");
    }
}
