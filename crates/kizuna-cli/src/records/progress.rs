//! A progress bar on standard error while a long input streams: bytes read of the file's
//! size (a spinner for standard input). Drawn only on a terminal and outside CI (`CI` set),
//! so pipes, files and CI logs stay quiet.

use std::io::{BufRead, IsTerminal, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The bar, and the count of bytes the input has given so far.
pub struct Progress {
    bar: ProgressBar,
    read: Arc<AtomicU64>,
}

impl Progress {
    /// Wraps `input` (of `size` bytes, when known) so that its bytes are counted.
    pub fn wrap(
        input: Box<dyn BufRead + Send>,
        size: Option<u64>,
    ) -> (Box<dyn BufRead + Send>, Progress) {
        let read = Arc::new(AtomicU64::new(0));
        let counted = Counted {
            inner: input,
            read: Arc::clone(&read),
        };
        // Some CI runners give jobs a terminal; their logs should not fill with redraws.
        let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        let target = if std::io::stderr().is_terminal() && !in_ci {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = match size {
            Some(size) => ProgressBar::with_draw_target(Some(size), target).with_style(
                ProgressStyle::with_template(
                    "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::with_draw_target(None, target).with_style(
                ProgressStyle::with_template("{spinner} {bytes} {bytes_per_sec}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        (Box::new(counted), Progress { bar, read })
    }

    /// Moves the bar to the bytes read so far.
    pub fn tick(&self) {
        self.bar.set_position(self.read.load(Ordering::Relaxed));
    }

    /// Clears the bar, so that the run's counts print on a clean line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A reader that counts what passes through it.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.read.fetch_add(amount as u64, Ordering::Relaxed);
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_counted_through_both_read_paths() {
        let (mut input, progress) = Progress::wrap(Box::new(&b"one\ntwo\nthree\n"[..]), Some(14));
        let mut line = String::new();
        input.read_line(&mut line).expect("in memory");
        assert_eq!(progress.read.load(Ordering::Relaxed), 4);
        let mut rest = Vec::new();
        input.read_to_end(&mut rest).expect("in memory");
        assert_eq!(progress.read.load(Ordering::Relaxed), 14);
        progress.tick();
        progress.finish();
    }
}
