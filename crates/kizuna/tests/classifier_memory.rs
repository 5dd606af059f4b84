//! How much memory a classifier with the built-in lexicons holds: issue 3 allows 20 MB. The
//! heap is counted by wrapping the system allocator, so this file holds one test only (a test
//! running beside it would be counted too).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use kizuna::classify::Classifier;

/// The system allocator, counting the bytes live.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to the system allocator unchanged; only a count is kept beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's guarantees for `layout` are passed on.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this `layout`.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}

#[test]
fn a_built_in_classifier_holds_under_20_mb() {
    let before = live();
    let classifier = Classifier::builder().build().unwrap();
    let built = live() - before;
    // A batch large enough to spread over the workers, the second of which clones its own
    // copy of the lexicon automaton (with the `parallel` feature); the results are let go.
    // The development set's raw lines will do as posts.
    let dev = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/mentions_dev.jsonl"
    ))
    .unwrap();
    let posts: Vec<&str> = dev.lines().cycle().take(20_000).collect();
    drop(classifier.classify_batch(&posts));
    let working = live() - before;
    eprintln!(
        "built: {:.1} MB; after a batch of {} posts: {:.1} MB",
        built as f64 / 1e6,
        posts.len(),
        working as f64 / 1e6
    );
    assert!(
        built > 1_000_000,
        "{built} bytes: the lexicons were not counted"
    );
    assert!(working < 20_000_000, "{working} bytes");
}
