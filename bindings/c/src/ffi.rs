//! What every entry point shares: status codes, the thread-local error message, the panic
//! guard, and the checks and conversions at the boundary.

use std::cell::RefCell;
use std::ffi::{CString, c_char, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// What a call did. `KZ_STATUS_OK` is 0; on any other status, `kz_last_error_message`
/// says what went wrong on this thread.
///
/// A plain value: no thread-safety concerns.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KzStatus {
    /// Success.
    Ok = 0,
    /// A required pointer was NULL.
    NullPointer = 1,
    /// Text was not valid UTF-8.
    InvalidUtf8 = 2,
    /// An enum value or other argument outside its range.
    InvalidArgument = 3,
    /// An option or configuration value is unknown or out of range.
    InvalidOption = 4,
    /// A configuration document could not be read.
    Config = 5,
    /// A value outside the supported range (a count, an instant outside a calendar's years).
    OutOfRange = 6,
    /// A start after its end.
    Order = 7,
    /// An unknown time zone, or a local time that cannot be placed in it.
    TimeZone = 8,
    /// Business hours that do not parse.
    Hours = 9,
    /// A line or record of an input document could not be read.
    Parse = 10,
    /// An input record (an event) is not usable.
    Record = 11,
    /// A byte range does not fit its text.
    InvalidRange = 12,
    /// Any other failure of the core library.
    Error = 13,
    /// A bug: the library panicked. The call had no effect; the message says where.
    Panic = 14,
}

/// A failed call: its status and message.
pub(crate) struct Failure {
    status: KzStatus,
    message: String,
}

impl Failure {
    pub(crate) fn new(status: KzStatus, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    fn null(what: &str) -> Failure {
        Failure::new(KzStatus::NullPointer, format!("{what} is NULL"))
    }
}

impl From<kizuna::Error> for Failure {
    fn from(error: kizuna::Error) -> Failure {
        use kizuna::Error as E;
        let status = match &error {
            E::InvalidOption { .. } => KzStatus::InvalidOption,
            E::Config(_) => KzStatus::Config,
            E::OutOfRange { .. } => KzStatus::OutOfRange,
            E::Order { .. } => KzStatus::Order,
            E::TimeZone { .. } => KzStatus::TimeZone,
            E::Hours { .. } => KzStatus::Hours,
            E::Parse { .. } => KzStatus::Parse,
            E::Record { .. } => KzStatus::Record,
            E::InvalidRange { .. } => KzStatus::InvalidRange,
            _ => KzStatus::Error,
        };
        Failure::new(status, error.to_string())
    }
}

pub(crate) type Outcome = Result<(), Failure>;

thread_local! {
    /// The message of this thread's last call, NUL-terminated for C.
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

fn set_last_error(message: &str) {
    // A message with a NUL in it (from user text) is cut there rather than lost.
    let cut = message.split('\0').next().unwrap_or_default();
    let message = CString::new(cut).unwrap_or_default();
    // During thread teardown the slot may be gone already: the message is dropped then,
    // rather than panicking outside the guard.
    let _ = LAST_ERROR.try_with(|last| *last.borrow_mut() = message);
}

/// Runs one entry point: records its failure (or clears the last one) and turns a panic into
/// `KZ_STATUS_PANIC`.
pub(crate) fn guard(call: impl FnOnce() -> Outcome) -> KzStatus {
    match catch_unwind(AssertUnwindSafe(call)) {
        Ok(Ok(())) => {
            set_last_error("");
            KzStatus::Ok
        }
        Ok(Err(failure)) => {
            set_last_error(&failure.message);
            failure.status
        }
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".into());
            set_last_error(&format!(
                "internal error in kizuna (please report it): {what}"
            ));
            KzStatus::Panic
        }
    }
}

/// Runs a function that only frees: a panic there is swallowed, never unwound into C.
pub(crate) fn guard_free(call: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(call));
}

/// The message of the last failed call on this thread, or "" after a successful one. Never
/// NULL; valid until the next `kz_` call on the same thread; do not free it.
///
/// Thread-safe: each thread has its own message.
///
/// ```c
/// kz_normalizer *n = NULL;
/// if (kz_normalizer_new(99, &n) != KZ_STATUS_OK) fprintf(stderr, "%s\n", kz_last_error_message());
/// ```
#[unsafe(no_mangle)]
pub extern "C" fn kz_last_error_message() -> *const c_char {
    catch_unwind(|| LAST_ERROR.try_with(|last| last.borrow().as_ptr()))
        .ok()
        .and_then(Result::ok)
        .unwrap_or(c"".as_ptr())
}

/// The name of a status code ("KZ_STATUS_OK", …), or "KZ_STATUS_UNKNOWN" for a value that is
/// none. Static; do not free it.
///
/// Thread-safe.
///
/// ```c
/// printf("%s\n", kz_status_name(KZ_STATUS_INVALID_UTF8)); // KZ_STATUS_INVALID_UTF8
/// ```
#[unsafe(no_mangle)]
pub extern "C" fn kz_status_name(status: i32) -> *const c_char {
    let name: &std::ffi::CStr = match status {
        0 => c"KZ_STATUS_OK",
        1 => c"KZ_STATUS_NULL_POINTER",
        2 => c"KZ_STATUS_INVALID_UTF8",
        3 => c"KZ_STATUS_INVALID_ARGUMENT",
        4 => c"KZ_STATUS_INVALID_OPTION",
        5 => c"KZ_STATUS_CONFIG",
        6 => c"KZ_STATUS_OUT_OF_RANGE",
        7 => c"KZ_STATUS_ORDER",
        8 => c"KZ_STATUS_TIME_ZONE",
        9 => c"KZ_STATUS_HOURS",
        10 => c"KZ_STATUS_PARSE",
        11 => c"KZ_STATUS_RECORD",
        12 => c"KZ_STATUS_INVALID_RANGE",
        13 => c"KZ_STATUS_ERROR",
        14 => c"KZ_STATUS_PANIC",
        _ => c"KZ_STATUS_UNKNOWN",
    };
    name.as_ptr()
}

unsafe extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
}

/// Frees a string returned by a `kz_` function. NULL is accepted.
///
/// Thread-safe (for distinct strings).
///
/// # Safety
///
/// `string` is NULL or a string a `kz_` function returned, not yet freed.
///
/// ```c
/// char *json = NULL;
/// if (kz_entities_json((const uint8_t *)"#sale", 5, &json, NULL) == KZ_STATUS_OK) kz_string_free(json);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_string_free(string: *mut c_char) {
    if !string.is_null() {
        // SAFETY: the caller passes a pointer from `give_string`, which `malloc` allocated.
        unsafe { free(string.cast()) };
    }
}

/// Borrows the text `(ptr, len)` as UTF-8; NULL is the empty text when `len` is 0.
///
/// # Safety
///
/// `ptr` is NULL or points to `len` readable bytes that outlive the call.
pub(crate) unsafe fn text<'a>(ptr: *const u8, len: usize, what: &str) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return if len == 0 {
            Ok("")
        } else {
            Err(Failure::new(
                KzStatus::NullPointer,
                format!("{what} is NULL but its length is {len}"),
            ))
        };
    }
    // No buffer is that long: a length like (size_t)-1 is a bug in the caller, refused
    // before anything is read.
    if isize::try_from(len).is_err() {
        return Err(Failure::new(
            KzStatus::InvalidArgument,
            format!("{what} length {len} is larger than any buffer"),
        ));
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr`, and `len` fits `isize`.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::new(
            KzStatus::InvalidUtf8,
            format!("{what} is not valid UTF-8: {e}"),
        )
    })
}

/// Borrows a handle the caller must pass.
///
/// # Safety
///
/// `ptr` is NULL or a live handle of type `T`.
pub(crate) unsafe fn handle<'a, T>(ptr: *const T, what: &str) -> Result<&'a T, Failure> {
    // SAFETY: the caller guarantees a live handle when not NULL.
    unsafe { ptr.as_ref() }.ok_or_else(|| Failure::null(what))
}

/// Borrows a handle the caller must pass, to change it.
///
/// # Safety
///
/// `ptr` is NULL or a live handle of type `T`, used by no other thread during the call.
pub(crate) unsafe fn handle_mut<'a, T>(ptr: *mut T, what: &str) -> Result<&'a mut T, Failure> {
    // SAFETY: the caller guarantees a live, unshared handle when not NULL.
    unsafe { ptr.as_mut() }.ok_or_else(|| Failure::null(what))
}

/// An out-parameter: kept as a raw pointer and only ever written, so that a caller passing
/// two out-parameters that overlap gets garbage, not undefined behaviour.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    /// Writes the result.
    pub(crate) fn set(&self, value: T) {
        // SAFETY: `Out` is only made by `out`/`out_len`, which checked the pointer for NULL
        // and alignment under the caller's promise that it is writable.
        unsafe { self.0.write(value) }
    }
}

/// Takes an out-parameter and sets it to `empty` first, so that a failure leaves no stale
/// value behind.
///
/// # Safety
///
/// `ptr` is NULL or points to writable memory for a `T`.
pub(crate) unsafe fn out<T>(ptr: *mut T, empty: T, what: &str) -> Result<Out<T>, Failure> {
    if ptr.is_null() {
        return Err(Failure::null(what));
    }
    if !ptr.is_aligned() {
        return Err(Failure::new(
            KzStatus::InvalidArgument,
            format!("{what} is not aligned for its type"),
        ));
    }
    let out = Out(ptr);
    out.set(empty);
    Ok(out)
}

/// An optional `size_t *` out-parameter for a length, set to 0 first.
///
/// # Safety
///
/// `ptr` is NULL or points to a writable `size_t`.
pub(crate) unsafe fn out_len(ptr: *mut usize) -> Result<Option<Out<usize>>, Failure> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: the caller's promise.
    unsafe { out(ptr, 0, "out_len") }.map(Some)
}

/// Hands `string` to C: a `malloc`ed copy with a NUL after it (freed by `kz_string_free`),
/// and its length.
pub(crate) fn give_string(string: &str, out: Out<*mut c_char>, len: Option<Out<usize>>) -> Outcome {
    let size = string.len() + 1;
    // SAFETY: `malloc` may be called with any size; the result is checked for NULL.
    let buffer = unsafe { malloc(size) }.cast::<u8>();
    if buffer.is_null() {
        return Err(Failure::new(
            KzStatus::Error,
            format!("out of memory for a {size}-byte result"),
        ));
    }
    // SAFETY: `buffer` holds `size` bytes, and does not overlap `string`.
    unsafe {
        std::ptr::copy_nonoverlapping(string.as_ptr(), buffer, string.len());
        buffer.add(string.len()).write(0);
    }
    out.set(buffer.cast());
    if let Some(len) = len {
        len.set(string.len());
    }
    Ok(())
}

/// Serialises `value` and hands it to C as a string.
pub(crate) fn give_json(
    value: &impl serde::Serialize,
    out: Out<*mut c_char>,
    len: Option<Out<usize>>,
) -> Outcome {
    let json = serde_json::to_string(value)
        .map_err(|e| Failure::new(KzStatus::Error, format!("result not serialisable: {e}")))?;
    give_string(&json, out, len)
}

/// Moves `value` to the heap and hands C the pointer.
pub(crate) fn give_handle<T>(value: T, out: Out<*mut T>) -> Outcome {
    out.set(Box::into_raw(Box::new(value)));
    Ok(())
}

/// Frees a handle made by `give_handle`; NULL is accepted.
///
/// # Safety
///
/// `ptr` is NULL or a handle from `give_handle`, not yet freed and no longer used.
pub(crate) unsafe fn free_handle<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: the caller passes a pointer from `Box::into_raw`, freed once.
        guard_free(|| drop(unsafe { Box::from_raw(ptr) }));
    }
}

/// A Unix time in seconds as an instant.
pub(crate) fn instant(seconds: i64, what: &str) -> Result<jiff::Timestamp, Failure> {
    jiff::Timestamp::from_second(seconds).map_err(|e| {
        Failure::new(
            KzStatus::OutOfRange,
            format!("{what} {seconds} is not a supported Unix time: {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        let status = guard(|| panic!("boom"));
        assert_eq!(status, KzStatus::Panic);
        // SAFETY: the message is a live NUL-terminated string on this thread.
        let message = unsafe { std::ffi::CStr::from_ptr(kz_last_error_message()) };
        assert!(message.to_string_lossy().contains("boom"));
        assert_eq!(guard(|| Ok(())), KzStatus::Ok);
        // SAFETY: as above.
        let cleared = unsafe { std::ffi::CStr::from_ptr(kz_last_error_message()) };
        assert!(cleared.is_empty());
    }

    #[test]
    fn status_names_match_the_codes() {
        for (code, status) in [(0, KzStatus::Ok), (14, KzStatus::Panic)] {
            assert_eq!(status as i32, code);
        }
        // SAFETY: static NUL-terminated strings.
        let name = |code| unsafe { std::ffi::CStr::from_ptr(kz_status_name(code)) };
        assert_eq!(
            name(KzStatus::Record as i32).to_str(),
            Ok("KZ_STATUS_RECORD")
        );
        assert_eq!(name(-1).to_str(), Ok("KZ_STATUS_UNKNOWN"));
    }

    #[test]
    fn core_errors_keep_their_kind() {
        let failure = Failure::from(kizuna::Error::Config("x".into()));
        assert_eq!(failure.status, KzStatus::Config);
    }
}
