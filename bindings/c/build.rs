//! Gives the shared library an ELF soname that changes whenever the ABI may: with the minor
//! version before 1.0 (`libkizuna.so.0.1`), with the major version after. Programs linked
//! against `libkizuna.so` then never load an incompatible build by accident.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        let version = |part| std::env::var(part).unwrap_or_else(|_| "0".into());
        let (major, minor) = (
            version("CARGO_PKG_VERSION_MAJOR"),
            version("CARGO_PKG_VERSION_MINOR"),
        );
        let soname = if major == "0" {
            format!("libkizuna.so.0.{minor}")
        } else {
            format!("libkizuna.so.{major}")
        };
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
    }
}
