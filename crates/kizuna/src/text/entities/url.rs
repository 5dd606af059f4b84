//! URLs, with a scheme (`https://…`) or without (`www.example.jp`, `sora.example.co.jp/help`),
//! ending where the address does even when Japanese text is glued to it.
//!
//! The rules follow what X links: a schemeless address needs `www.`, a generic top-level
//! domain, or (for a two-letter country domain) a path or a second-level label such as
//! `co.jp`, so that `file.py` and `e.g.` are not addresses. A path takes ASCII, Latin and
//! Cyrillic letters, stops at CJK text and loses trailing sentence punctuation and an
//! unbalanced closing bracket.

use super::{fold, is_latin_word, next_char, prev_char};

/// Generic top-level domains linked without a scheme (two-letter ones are country domains).
const GENERIC_TLDS: &[&str] = &[
    "academy", "agency", "app", "art", "asia", "biz", "blog", "cloud", "club", "com", "design",
    "dev", "edu", "email", "fun", "games", "gov", "icu", "info", "int", "jobs", "link", "live",
    "mil", "mobi", "name", "net", "news", "nagoya", "okinawa", "online", "org", "osaka", "page",
    "pro", "shop", "site", "space", "store", "team", "tech", "tokyo", "top", "travel", "vip",
    "website", "work", "world", "xyz", "yokohama",
];

/// Second-level labels under which a country domain is clearly an address (`co.jp`, `ne.jp`).
const SECOND_LEVEL: &[&str] = &[
    "ac", "ad", "co", "com", "ed", "go", "gov", "gr", "lg", "ne", "net", "or", "org",
];

/// A URL whose `://` starts at `colon`; the scheme before it must start at or after `floor`.
pub(super) fn with_scheme(text: &str, colon: usize, floor: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(colon + 1..colon + 3) != Some(b"//") {
        return None;
    }
    let scheme_start = bytes[..colon]
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    let scheme = &text[scheme_start..colon];
    let known = ["http", "https"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme));
    if !known || scheme_start < floor || prev_char(text, scheme_start).is_some_and(is_latin_word) {
        return None;
    }
    let host_end = host(text, colon + 3)?.end;
    Some((scheme_start, rest(text, host_end)))
}

/// A schemeless URL whose first `.` is at `dot`; it starts at or after `floor`.
pub(super) fn without_scheme(text: &str, dot: usize, floor: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    if !bytes.get(dot + 1).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let run_start = bytes[floor..dot]
        .iter()
        .rposition(|&b| !is_label_byte(b))
        .map_or(floor, |i| floor + i + 1);
    // A host starts with a letter or digit: `--www.example.jp` links `www.example.jp`.
    let start = run_start
        + bytes[run_start..dot]
            .iter()
            .take_while(|b| !b.is_ascii_alphanumeric())
            .count();
    // Hyphens before the host join it to the word before them, if there is one.
    let mut before = start;
    while let Some(c) = prev_char(text, before).filter(|&c| fold(c) == '-') {
        before -= c.len_utf8();
    }
    if start == dot
        || prev_char(text, before)
            .is_some_and(|c| is_latin_word(c) || matches!(fold(c), '@' | '$' | '#' | '/' | ':'))
    {
        return None;
    }
    let host = host(text, start)?;
    let tld = host.last;
    let with_path = text.as_bytes().get(host.end) == Some(&b'/');
    let second_level = |label: &str| SECOND_LEVEL.iter().any(|s| s.eq_ignore_ascii_case(label));
    let linked = host.first.eq_ignore_ascii_case("www")
        || GENERIC_TLDS.iter().any(|g| g.eq_ignore_ascii_case(tld))
        || (tld.len() == 2
            && (with_path || host.count >= 3 && host.second_last.is_some_and(second_level)));
    if !linked || next_char(text, host.end).is_some_and(|c| c == '@' || c == '＠') {
        return None;
    }
    Some((start, rest(text, host.end)))
}

/// A host name: dot-separated labels of ASCII letters, digits and hyphens, the last one (the
/// top-level domain) letters only when there are several. Only the labels the rules look at
/// are kept.
struct Host<'t> {
    first: &'t str,
    second_last: Option<&'t str>,
    last: &'t str,
    count: usize,
    end: usize,
}

fn host(text: &str, start: usize) -> Option<Host<'_>> {
    let bytes = text.as_bytes();
    let mut host: Option<Host<'_>> = None;
    let mut at = start;
    loop {
        let len = bytes[at..]
            .iter()
            .take_while(|&&b| is_label_byte(b))
            .count();
        let label = &text[at..at + len];
        if label.is_empty() || label.starts_with('-') || label.ends_with('-') {
            break;
        }
        at += len;
        host = Some(match host {
            None => Host {
                first: label,
                second_last: None,
                last: label,
                count: 1,
                end: at,
            },
            Some(h) => Host {
                second_last: Some(h.last),
                last: label,
                count: h.count + 1,
                end: at,
                ..h
            },
        });
        let more =
            bytes.get(at) == Some(&b'.') && bytes.get(at + 1).is_some_and(|b| is_label_byte(*b));
        if !more {
            break;
        }
        at += 1;
    }
    let host = host?;
    let tld_letters = host.last.bytes().all(|b| b.is_ascii_alphabetic());
    (host.count == 1 || tld_letters).then_some(host)
}

/// The end of the port, path, query and fragment after a host ending at `at`.
fn rest(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    if bytes.get(at) == Some(&b':') {
        let digits = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits > 0 {
            at += 1 + digits;
        }
    }
    if !matches!(bytes.get(at), Some(b'/' | b'?' | b'#')) {
        return at;
    }
    let path_start = at;
    for (i, c) in text[at..].char_indices() {
        if !is_path_char(fold(c)) {
            break;
        }
        at = path_start + i + c.len_utf8();
    }
    trim_end(&text[..at], path_start)
}

/// Drops sentence punctuation, opening brackets, an empty fragment's `#` (the start of a
/// glued hashtag: `https://t.co/x#拡散希望`) and unbalanced closing brackets from the end of a
/// path. Chars are judged folded, so `）` is a closing bracket.
fn trim_end(url: &str, path_start: usize) -> usize {
    let path = &url[path_start..];
    // Brackets in the path, `()` and `[]`: opened, closed.
    let mut brackets = [[0usize; 2]; 2];
    let slot = |c: char| match c {
        '(' => Some((0, 0)),
        ')' => Some((0, 1)),
        '[' => Some((1, 0)),
        ']' => Some((1, 1)),
        _ => None,
    };
    for (pair, side) in path.chars().map(fold).filter_map(slot) {
        brackets[pair][side] += 1;
    }
    let mut end = url.len();
    for c in path.chars().rev() {
        let folded = fold(c);
        let trailing = matches!(
            folded,
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '"' | '*' | '(' | '[' | '#'
        );
        let unbalanced = match slot(folded) {
            Some((pair, 1)) => brackets[pair][1] > brackets[pair][0],
            _ => false,
        };
        if !(trailing || unbalanced) {
            break;
        }
        if let Some((pair, side)) = slot(folded) {
            brackets[pair][side] -= 1;
        }
        end -= c.len_utf8();
    }
    end
}

fn is_label_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Characters a path, query or fragment may hold (once folded: full-width forms, dashes and
/// tildes count as their ASCII twins, so that a URL is found whole again in normalised text):
/// printable ASCII but for `< > " { } | \ ^` and the backtick, and Latin and Cyrillic letters.
fn is_path_char(c: char) -> bool {
    match c {
        '!'..='~' => !matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`'),
        '\u{C0}'..='\u{24F}' | '\u{400}'..='\u{4FF}' => c.is_alphabetic(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme(text: &str) -> Option<&str> {
        let colon = text.find("://")?;
        with_scheme(text, colon, 0).map(|(s, e)| &text[s..e])
    }

    fn bare(text: &str) -> Option<&str> {
        let dot = text.find('.')?;
        without_scheme(text, dot, 0).map(|(s, e)| &text[s..e])
    }

    #[test]
    fn scheme_urls_end_where_the_address_does() {
        assert_eq!(
            scheme("https://example.com/A~B見て"),
            Some("https://example.com/A~B")
        );
        assert_eq!(scheme("見て→https://t.co/xY1。"), Some("https://t.co/xY1"));
        assert_eq!(
            scheme("(see https://x.example/a_(b))."),
            Some("https://x.example/a_(b)")
        );
        assert_eq!(scheme("(https://x.example/a)"), Some("https://x.example/a"));
        assert_eq!(scheme("https://t.co/x-(´；ω；｀)"), Some("https://t.co/x-"));
        assert_eq!(scheme("https://t.co/x#拡散希望"), Some("https://t.co/x"));
        assert_eq!(
            scheme("https://t.co/x〜#SALEーー"),
            Some("https://t.co/x〜#SALE")
        );
        assert_eq!(
            scheme("詳細はhttps://sora.example/info（公式）"),
            Some("https://sora.example/info")
        );
        assert_eq!(scheme("https://t.co/ab！！"), Some("https://t.co/ab"));
        assert_eq!(
            scheme("HTTP://LOCALHOST:8080/x?y=1#z"),
            Some("HTTP://LOCALHOST:8080/x?y=1#z")
        );
        assert_eq!(
            scheme("https://ja.example/wiki/Café!"),
            Some("https://ja.example/wiki/Café")
        );
        assert_eq!(scheme("ftp://example.com"), None);
        assert_eq!(scheme("xhttps://example.com"), None);
        assert_eq!(scheme("https://"), None);
    }

    #[test]
    fn schemeless_urls_need_a_real_looking_domain() {
        assert_eq!(bare("www.example.jp/a"), Some("www.example.jp/a"));
        assert_eq!(
            bare("詳細はsora-air.com/help見て"),
            Some("sora-air.com/help")
        );
        assert_eq!(bare("sora.co.jp です"), Some("sora.co.jp"));
        assert_eq!(bare("goo.gl/abc"), Some("goo.gl/abc"));
        assert_eq!(bare("file.py"), None);
        assert_eq!(bare("e.g. this"), None);
        assert_eq!(bare("Node.js"), None);
        assert_eq!(bare("taro@example.com"), None);
        assert_eq!(bare("v1.2.3"), None);
        assert_eq!(bare("end. next"), None);
        assert_eq!(bare("‐‐www.example.jp/a"), Some("www.example.jp/a"));
        assert_eq!(bare("--www.example.jp/a"), Some("www.example.jp/a"));
        assert_eq!(bare("path/sora.com"), None);
        assert_eq!(bare("@sora_air‐‐www.example.jp/a"), None);
    }
}
