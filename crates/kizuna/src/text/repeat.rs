//! neologdn's substring repeat shortening (`repeat` option), over units that keep their
//! source so the offset map survives the deletions.

use super::offsets::Unit;

/// Cuts every substring of up to `max_len` chars (`0`: any length) repeated more than
/// `threshold` times in a row down to `threshold` repetitions.
///
/// This follows the package's algorithm step for step, quirks included: at each position it
/// tries lengths from 1 up to (but not including) half of the remaining text, as counted when
/// it reached that position, so `ｗｗｗ` with `repeat=1` stays while `ｗｗｗｗ` becomes `w`.
pub(crate) fn shorten_repeat(units: &mut Vec<Unit>, threshold: usize, max_len: usize) {
    let mut i = 0;
    while i < units.len() {
        let mut upper = (units.len() - i) / 2;
        if max_len != 0 && max_len < upper {
            upper = max_len + 1;
        }
        for len in 1..upper {
            let count = repetitions(units, i, len);
            if count > threshold {
                units.drain(i + len * threshold..i + len * count);
            }
        }
        i += 1;
    }
}

/// How many times the `len` chars at `start` occur in a row from `start`.
fn repetitions(units: &[Unit], start: usize, len: usize) -> usize {
    let same = |a: usize, b: usize| {
        units[a..a + len]
            .iter()
            .zip(&units[b..b + len])
            .all(|(x, y)| x.ch == y.ch)
    };
    if start + len > units.len() {
        return 1;
    }
    let mut count = 1;
    let mut next = start + len;
    while next + len <= units.len() && same(start, next) {
        count += 1;
        next += len;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::offsets::Src;

    fn shorten(s: &str, threshold: usize) -> String {
        let mut units: Vec<Unit> = s
            .chars()
            .enumerate()
            .map(|(i, ch)| Unit {
                ch,
                src: Src::of_char(ch, i * 4, i),
                whole: true,
            })
            .collect();
        shorten_repeat(&mut units, threshold, 8);
        units.iter().map(|u| u.ch).collect()
    }

    #[test]
    fn matches_the_package() {
        assert_eq!(shorten("無駄無駄無駄無駄ァ", 1), "無駄ァ");
        assert_eq!(shorten("かわいいいいいいいいい", 6), "かわいいいいいい");
        assert_eq!(shorten("うまああああああああああああい", 2), "うまああい");
        assert_eq!(shorten("1000000円", 2), "100円");
        assert_eq!(shorten("www", 1), "www");
        assert_eq!(shorten("wwww", 1), "w");
        assert_eq!(shorten("abababab", 2), "abab");
    }
}
