//! The report as one self-contained HTML page: styles, charts (inline SVG) and a few lines
//! of script all inside, nothing fetched, so it opens from a mail attachment or a shared drive.

use std::fmt::Write;

use kizuna::classify::{Intent, Sentiment};

use super::accounts::{self, percent};
use super::svg::{Layer, stacked_bars};
use super::{Analysis, human, local_time, marks, overview, reason, reply_time_bins, status_text};

/// Queue rows shown; the rest are counted.
pub const QUEUE_ROWS: usize = 50;

/// Sentiment colours, in [`Sentiment::ALL`] order.
const SENTIMENT_COLORS: [&str; 3] = ["#2e7d32", "#9e9e9e", "#c62828"];
/// Intent colours, in [`Intent::ALL`] order.
const INTENT_COLORS: [&str; 9] = [
    "#c62828", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#795548",
    "#bdbdbd",
];

const STYLE: &str = "body{font:14px/1.45 system-ui,-apple-system,'Hiragino Sans','Noto Sans CJK JP',sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#212121}\
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #e0e0e0;padding-bottom:4px}h3{font-size:15px;margin:20px 0 6px}\
.meta{color:#616161}table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid #eeeeee}\
th{background:#fafafa;font-weight:600}td.num{text-align:right;white-space:nowrap}.high{color:#b71c1c;font-weight:600}.breached{color:#b71c1c}.risk{color:#e65100}\
mark.neg{background:#ffcdd2}mark.pos{background:#c8e6c9}mark.neu{background:#fff59d}.tiles{display:flex;flex-wrap:wrap;gap:10px}\
.tile{border:1px solid #e0e0e0;border-radius:6px;padding:8px 12px;min-width:120px}.tile b{display:block;font-size:20px}\
svg.chart{width:100%;height:auto;max-width:760px}svg .grid{stroke:#eeeeee}svg .axis,svg .legend{font-size:11px;fill:#616161}\
svg .marked{fill:none;stroke:#ff6f00;stroke-width:2;stroke-dasharray:4 3}";

/// After load, records on `<body>` how many charts there are and whether each was laid out
/// with a size: a browser (and the test suite's headless Chromium) can check the page rendered.
const SCRIPT: &str = "document.addEventListener('DOMContentLoaded',function(){\
var charts=document.querySelectorAll('svg.chart'),ok=charts.length>0;\
charts.forEach(function(c){var b=c.getBoundingClientRect();if(!(b.width>0&&b.height>0)){ok=false;}});\
document.body.setAttribute('data-charts',String(charts.length));\
document.body.setAttribute('data-rendered',ok?'yes':'no');});";

/// The page.
pub fn render(a: &Analysis) -> String {
    let local = |t: jiff::Timestamp| local_time(&a.tz, t);
    let mut page = String::with_capacity(256 * 1024);
    let _ = write!(
        page,
        "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>kizuna report: {source}</title><style>{STYLE}</style></head><body>\
         <h1>kizuna report: {source}</h1><p class=\"meta\">{overview}</p>",
        source = escape(&a.source),
        overview = escape(&overview(a)),
    );
    queue(&mut page, a, &local);
    sla(&mut page, a);
    by_day(&mut page, a);
    spikes(&mut page, a);
    accounts_section(&mut page, a, &local);
    let _ = writeln!(
        page,
        "<p class=\"meta\">Made by kizuna {} from the export alone; nothing on this page is fetched from the network.</p>\
         <script>{SCRIPT}</script></body></html>",
        env!("CARGO_PKG_VERSION")
    );
    page
}

fn queue(page: &mut String, a: &Analysis, local: &dyn Fn(jiff::Timestamp) -> String) {
    let _ = write!(
        page,
        "<h2 id=\"queue\">Needs a reply now ({})</h2>",
        a.queue.len()
    );
    let _ = write!(
        page,
        "<p class=\"meta\">Threads whose customer waits for a reply the classifier says is needed, waiting at most {}; \
         {} more that needed one have waited longer and went unanswered.</p>",
        human(a.horizon),
        a.gone_unanswered
    );
    if a.queue.is_empty() {
        page.push_str("<p>No thread waits for a reply it needs.</p>");
        return;
    }
    page.push_str(
        "<table><tr><th>urgency</th><th>waiting</th><th>SLA</th><th>who</th><th>post (evidence marked)</th><th>why</th></tr>",
    );
    for w in a.queue.iter().take(QUEUE_ROWS) {
        let urgency = w.class.urgency.name();
        let status = status_text(&w.status);
        let status_class = match &w.status {
            Some(kizuna::sla::Status::Breached) => "breached",
            Some(kizuna::sla::Status::AtRisk { .. }) => "risk",
            _ => "",
        };
        let who = w.post.author.handle.as_deref().unwrap_or(&w.post.author.id);
        let _ = write!(
            page,
            "<tr><td class=\"{urgency}\">{urgency}</td><td class=\"num\" title=\"since {since}\">{waited}</td>\
             <td class=\"{status_class}\">{status}</td><td>@{who}<br><span class=\"meta\">{platform} · {id}</span></td>\
             <td>{text}</td><td>{why}</td></tr>",
            since = local(w.asked),
            waited = human(w.waited),
            status = escape(&status),
            who = escape(who),
            platform = escape(w.post.platform.as_deref().unwrap_or("")),
            id = escape(&w.post.id),
            text = highlighted(&w.post.text, &marks(&w.class, &w.post.text)),
            why = escape(&reason(&w.class)),
        );
    }
    page.push_str("</table>");
    if a.queue.len() > QUEUE_ROWS {
        let _ = write!(
            page,
            "<p class=\"meta\">And {} more; <code>kizuna classify</code> lists every post.</p>",
            a.queue.len() - QUEUE_ROWS
        );
    }
}

fn sla(page: &mut String, a: &Analysis) {
    let s = &a.sla;
    let median = s
        .first_reply_time
        .as_ref()
        .map_or("-".to_owned(), |t| human(t.median));
    let _ = write!(
        page,
        "<h2 id=\"sla\">Reply SLA</h2><div class=\"tiles\">\
         <div class=\"tile\"><b>{}</b>threads</div><div class=\"tile\"><b>{}</b>needed a reply</div>\
         <div class=\"tile\"><b>{}</b>response rate</div><div class=\"tile\"><b>{}</b>first replies on time</div>\
         <div class=\"tile\"><b>{}</b>median first reply</div><div class=\"tile\"><b>{} / {} / {}</b>breached / at risk / pending</div></div>",
        s.threads,
        s.needing_reply,
        percent(s.response_rate),
        percent(s.first_reply.attainment),
        median,
        s.first_reply.breached,
        s.first_reply.at_risk,
        s.first_reply.pending,
    );
    page.push_str("<p>Targets: ");
    page.push_str(&escape(&a.targets.join("; ")));
    page.push_str("</p>");
    let bins = reply_time_bins(&a.reply_times);
    let names: Vec<String> = bins.iter().map(|(n, _)| n.clone()).collect();
    let layer = |name, color, column: usize| Layer {
        name,
        color,
        values: bins.iter().map(|(_, c)| c[column]).collect(),
    };
    page.push_str(&stacked_bars(
        "First-reply times against their targets",
        &names,
        &[
            layer("on time", "#2e7d32", 0),
            layer("late", "#c62828", 1),
            layer("no target", "#9e9e9e", 2),
        ],
        &[],
    ));
}

fn by_day(page: &mut String, a: &Analysis) {
    let days: Vec<String> = a
        .days
        .iter()
        .map(|d| d.strftime("%m-%d").to_string())
        .collect();
    let spike_days: Vec<usize> = a
        .spikes
        .iter()
        .filter_map(|(_, s)| a.days.iter().position(|d| *d == s.bucket))
        .collect();
    let sentiment_names: Vec<&str> = Sentiment::ALL.iter().map(|s| s.name()).collect();
    let intent_names: Vec<&str> = Intent::ALL.iter().map(|i| i.name()).collect();
    let sentiment = layers(&sentiment_names, &SENTIMENT_COLORS, &a.sentiment_by_day);
    let intents = layers(&intent_names, &INTENT_COLORS, &a.intents_by_day);
    page.push_str("<h2 id=\"days\">Sentiment and intents by day</h2>");
    page.push_str(&stacked_bars(
        "Customer posts a day by sentiment (spikes outlined)",
        &days,
        &sentiment,
        &spike_days,
    ));
    page.push_str(&stacked_bars(
        "Customer posts a day by intent (a post may have several)",
        &days,
        &intents,
        &spike_days,
    ));
}

/// One chart layer per name, its values a column of `rows` (one row a day).
fn layers<'a>(names: &[&'a str], colors: &[&'a str], rows: &[Vec<f64>]) -> Vec<Layer<'a>> {
    names
        .iter()
        .zip(colors)
        .enumerate()
        .map(|(i, (name, color))| Layer {
            name,
            color,
            values: rows
                .iter()
                .map(|r| r.get(i).copied().unwrap_or(0.0))
                .collect(),
        })
        .collect()
}

fn spikes(page: &mut String, a: &Analysis) {
    page.push_str("<h2 id=\"spikes\">Spikes</h2>");
    if a.spikes.is_empty() {
        page.push_str("<p>No day stood out from the week before it.</p>");
        return;
    }
    page.push_str("<table><tr><th>day</th><th>series</th><th>count</th><th>usual (mean of the 7 days before)</th><th>×</th></tr>");
    for (series, s) in &a.spikes {
        let _ = write!(
            page,
            "<tr><td>{}</td><td>{series}</td><td class=\"num\">{}</td><td class=\"num\">{:.1}</td><td class=\"num\">{}</td></tr>",
            s.bucket,
            s.value,
            s.baseline_mean,
            s.ratio.map_or("-".to_owned(), |r| format!("{r:.1}"))
        );
    }
    page.push_str("</table>");
}

fn accounts_section(page: &mut String, a: &Analysis, local: &dyn Fn(jiff::Timestamp) -> String) {
    page.push_str("<h2 id=\"accounts\">The brand's accounts</h2>");
    if a.accounts.is_empty() {
        page.push_str("<p>The export flags no post as the brand's; name its handles with <code>--brand @handle</code>.</p>");
    }
    for view in &a.accounts {
        let _ = write!(page, "<h3>@{}</h3><table>", escape(&view.handle));
        for (label, value) in accounts::rows(view) {
            let _ = write!(page, "<tr><th>{label}</th><td>{}</td></tr>", escape(&value));
        }
        page.push_str("</table>");
        if view.engagers.is_empty() {
            page.push_str("<p class=\"meta\">No repeat engagers.</p>");
            continue;
        }
        page.push_str("<table><tr><th>repeat engager</th><th>engagements</th><th>last</th></tr>");
        for e in &view.engagers {
            let _ = write!(
                page,
                "<tr><td>@{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                escape(e.handle.as_deref().unwrap_or(&e.author_id)),
                e.engagements,
                local(e.last)
            );
        }
        page.push_str("</table>");
    }
}

/// `text` with every marked byte range in a `<mark>` (red for negative evidence, green for
/// positive, yellow for signals without polarity), its signals as the tooltip.
fn highlighted(text: &str, marks: &[(std::ops::Range<usize>, String, f64)]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for (range, label, weight) in marks {
        let (Some(before), Some(marked)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        let class = if *weight < 0.0 {
            "neg"
        } else if *weight > 0.0 {
            "pos"
        } else {
            "neu"
        };
        let _ = write!(
            out,
            "{}<mark class=\"{class}\" title=\"{}\">{}</mark>",
            escape(before),
            escape(label),
            escape(marked)
        );
        at = range.end;
    }
    out.push_str(&escape(text.get(at..).unwrap_or("")));
    out
}

/// `text` safe inside HTML elements and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_wrap_their_ranges_and_everything_is_escaped() {
        let text = "<b>ログインできない</b> 最悪";
        let start = text.find("ログイン").expect("in text");
        let worst = text.find("最悪").expect("in text");
        let marks = vec![
            (
                start..start + "ログインできない".len(),
                "outage: ログインできない".to_owned(),
                -0.5,
            ),
            (worst..text.len(), "lexicon: \"最悪\"".to_owned(), -1.0),
        ];
        assert_eq!(
            highlighted(text, &marks),
            "&lt;b&gt;<mark class=\"neg\" title=\"outage: ログインできない\">ログインできない</mark>&lt;/b&gt; \
             <mark class=\"neg\" title=\"lexicon: &quot;最悪&quot;\">最悪</mark>"
        );
    }
}
