//! The report as a Markdown summary, to read in a terminal or paste into a ticket: the
//! queue's head, the SLA figures, the reply-time bins, the days, spikes and accounts.

use std::fmt::Write;

use kizuna::classify::{Intent, Sentiment};

use super::accounts::{self, percent};
use super::{Analysis, human, overview, reason, reply_time_bins, status_text};

/// Queue rows shown; the rest are counted.
pub const QUEUE_ROWS: usize = 10;

/// Widest a post's text gets in the queue table, in characters.
const TEXT_CHARS: usize = 80;

/// The summary.
pub fn render(a: &Analysis) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# kizuna report: {}\n\n{}\n",
        cell(&a.source),
        cell(&overview(a))
    );

    let _ = writeln!(md, "## Needs a reply now ({})\n", a.queue.len());
    let _ = writeln!(
        md,
        "Waiting at most {}; {} more that needed a reply have waited longer and went unanswered.\n",
        human(a.horizon),
        a.gone_unanswered
    );
    if a.queue.is_empty() {
        md.push_str("No thread waits for a reply it needs.\n\n");
    } else {
        md.push_str("| urgency | waiting | SLA | who | post | why |\n|---|---|---|---|---|---|\n");
        for w in a.queue.iter().take(QUEUE_ROWS) {
            let _ = writeln!(
                md,
                "| {} | {} | {} | @{} | {} | {} |",
                w.class.urgency.name(),
                human(w.waited),
                status_text(&w.status),
                cell(w.post.author.handle.as_deref().unwrap_or(&w.post.author.id)),
                cell(&shorten(&w.post.text)),
                cell(&reason(&w.class)),
            );
        }
        if a.queue.len() > QUEUE_ROWS {
            let _ = writeln!(
                md,
                "\nAnd {} more (the HTML report lists 50).",
                a.queue.len() - QUEUE_ROWS
            );
        }
        md.push('\n');
    }

    let s = &a.sla;
    let _ = writeln!(
        md,
        "## Reply SLA\n\n{} threads, {} needed a reply, response rate {}; first replies on time {} \
         ({} achieved, {} breached, {} at risk, {} pending); median first reply {}.\n\nTargets: {}.\n",
        s.threads,
        s.needing_reply,
        percent(s.response_rate),
        percent(s.first_reply.attainment),
        s.first_reply.achieved,
        s.first_reply.breached,
        s.first_reply.at_risk,
        s.first_reply.pending,
        s.first_reply_time
            .as_ref()
            .map_or("-".to_owned(), |t| human(t.median)),
        a.targets.join("; ")
    );
    md.push_str("| first reply within | on time | late | no target |\n|---|--:|--:|--:|\n");
    for (name, [on_time, late, none]) in reply_time_bins(&a.reply_times) {
        let _ = writeln!(md, "| {name} | {on_time} | {late} | {none} |");
    }

    md.push_str("\n## By day\n\n| day |");
    for s in Sentiment::ALL {
        let _ = write!(md, " {} |", s.name());
    }
    md.push_str(" top intents |\n|---|");
    md.push_str(&"--:|".repeat(Sentiment::ALL.len()));
    md.push_str("---|\n");
    for ((day, sentiment), intents) in a
        .days
        .iter()
        .zip(&a.sentiment_by_day)
        .zip(&a.intents_by_day)
    {
        let _ = write!(md, "| {day} |");
        for count in sentiment {
            let _ = write!(md, " {count} |");
        }
        let _ = writeln!(md, " {} |", top_intents(intents));
    }

    md.push_str("\n## Spikes\n\n");
    if a.spikes.is_empty() {
        md.push_str("No day stood out from the week before it.\n");
    }
    for (series, spike) in &a.spikes {
        let _ = writeln!(
            md,
            "- {}: {} {series} against a usual {:.1}",
            spike.bucket, spike.value, spike.baseline_mean
        );
    }

    md.push_str("\n## The brand's accounts\n");
    for view in &a.accounts {
        let _ = writeln!(md, "\n### @{}\n\n| | |\n|---|---|", cell(&view.handle));
        for (label, value) in accounts::rows(view) {
            let _ = writeln!(md, "| {label} | {value} |");
        }
        let engagers: Vec<String> = view
            .engagers
            .iter()
            .map(|e| {
                format!(
                    "@{} ({})",
                    cell(e.handle.as_deref().unwrap_or(&e.author_id)),
                    e.engagements
                )
            })
            .collect();
        if !engagers.is_empty() {
            let _ = writeln!(md, "\nRepeat engagers: {}", engagers.join(", "));
        }
    }
    md
}

/// The three most frequent intents of a day, with counts.
fn top_intents(counts: &[f64]) -> String {
    let mut ranked: Vec<(&Intent, f64)> = Intent::ALL
        .iter()
        .zip(counts.iter().copied())
        .filter(|(_, n)| *n > 0.0)
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked
        .iter()
        .take(3)
        .map(|(i, n)| format!("{} {n}", i.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A post on one line, cut to [`TEXT_CHARS`] characters.
fn shorten(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= TEXT_CHARS {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(TEXT_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Text safe anywhere in Markdown, table cells included: on one line, with the characters
/// that make tables, links, HTML or emphasis escaped, so that a post reads as what it says.
fn cell(text: &str) -> String {
    let one_line = crate::records::output::printable(text);
    let mut out = String::with_capacity(one_line.len());
    for (i, word) in one_line.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            if matches!(c, '\\' | '|' | '<' | '>' | '[' | ']' | '`' | '*' | '_') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_tables_whole() {
        assert_eq!(cell("a|b\\c"), "a\\|b\\\\c");
        assert_eq!(
            cell("x\n# pwned <img onerror=1> [a](javascript:b) *e*"),
            "x # pwned \\<img onerror=1\\> \\[a\\](javascript:b) \\*e\\*"
        );
        assert_eq!(shorten("one\ntwo   three"), "one two three");
        let long = "あ".repeat(100);
        assert_eq!(shorten(&long).chars().count(), TEXT_CHARS);
    }

    #[test]
    fn top_intents_rank_by_count() {
        let mut counts = vec![0.0; Intent::ALL.len()];
        counts[0] = 2.0;
        counts[4] = 5.0;
        counts[1] = 1.0;
        counts[2] = 1.0;
        assert_eq!(top_intents(&counts), "outage 5, complaint 2, question 1");
    }
}
