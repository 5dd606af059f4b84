//! The brand's accounts as the export shows them: activity, profile, response and the
//! customers who keep coming back. Shared by `kizuna report` and `kizuna engage`.

use std::collections::BTreeMap;

use kizuna::engage::{
    AccountMetrics, Engager, Post, Profile, ResponseMetrics, Window, account_metrics, profile,
    repeat_engagers, response_metrics,
};
use kizuna::sla::Calendar;
use serde::Serialize;

use crate::records::output::printable;

/// Repeat engagers listed per account.
pub const TOP_ENGAGERS: usize = 10;

/// One brand account.
#[derive(Debug, Serialize)]
pub struct AccountView {
    /// The account's id.
    pub id: String,
    /// Its handle (its id when the export gives none).
    pub handle: String,
    /// Activity and engagement.
    pub metrics: AccountMetrics,
    /// How it talks: dialogue, links, questions…
    pub profile: Profile,
    /// How it answers the posts addressed to it.
    pub response: ResponseMetrics,
    /// Who engaged with it twice or more, most first.
    pub engagers: Vec<Engager>,
}

/// Every account the export flags as the brand's, in order of posts (most first).
///
/// # Errors
///
/// A post with an impossible count (the core's validation).
pub fn views(
    posts: &[Post],
    window: &Window,
    calendar: Option<&Calendar>,
) -> Result<Vec<AccountView>, String> {
    let mut accounts: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for post in posts.iter().filter(|p| p.author.is_brand) {
        let handle = post.author.handle.as_deref().unwrap_or(&post.author.id);
        accounts.entry(&post.author.id).or_insert((0, handle)).0 += 1;
    }
    let mut ordered: Vec<(&str, usize, &str)> = accounts
        .into_iter()
        .map(|(id, (n, handle))| (id, n, handle))
        .collect();
    ordered.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ordered
        .into_iter()
        .map(|(id, _, handle)| {
            let fail = |e: kizuna::Error| format!("account {id}: {e}");
            let mut engagers = repeat_engagers(posts, id, handle, window, 2);
            engagers.truncate(TOP_ENGAGERS);
            Ok(AccountView {
                id: id.to_owned(),
                handle: handle.to_owned(),
                metrics: account_metrics(posts, id, window).map_err(fail)?,
                profile: profile(posts, id, window).map_err(fail)?,
                response: response_metrics(posts, id, handle, window, calendar).map_err(fail)?,
                engagers,
            })
        })
        .collect()
}

/// A rate as a percentage, or `-`.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or("-".to_owned(), |r| format!("{:.1}%", r * 100.0))
}

/// The figures of one account as `(label, value)` rows, for tables.
pub fn rows(view: &AccountView) -> Vec<(&'static str, String)> {
    let m = &view.metrics;
    let p = &view.profile;
    let r = &view.response;
    let number = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.1}"));
    let median =
        |t: Option<&kizuna::sla::TimeStats>| t.map_or("-".to_owned(), |t| super::human(t.median));
    vec![
        ("posts", m.posts.to_string()),
        ("posts a day", number(m.posts_per_day)),
        ("active days", format!("{} of {}", m.active_days, m.days)),
        (
            "engagement rate (median)",
            percent(m.median_engagement_rate),
        ),
        ("dialogue (replies to people)", percent(p.dialogue_rate)),
        ("posts with links", percent(p.link_rate)),
        ("broadcast questions", percent(p.broadcast_question_rate)),
        ("mean length (weighted chars)", number(p.mean_length)),
        ("posts addressed to it", r.inbound.to_string()),
        (
            "answered",
            format!("{} ({})", r.answered, percent(r.response_rate)),
        ),
        ("median reply time", median(r.response_time.as_ref())),
        (
            "median reply, business time",
            median(r.business_response_time.as_ref()),
        ),
    ]
}

/// The accounts as text: each account's figures, then its repeat engagers.
pub fn table(views: &[AccountView]) -> String {
    if views.is_empty() {
        return "no post is flagged as the brand's: name its handles with --brand @handle\n"
            .to_owned();
    }
    let mut out = String::new();
    for view in views {
        out.push_str(&format!(
            "@{} ({})\n",
            printable(&view.handle),
            printable(&view.id)
        ));
        for (label, value) in rows(view) {
            out.push_str(&format!("  {label:<30} {value}\n"));
        }
        for e in &view.engagers {
            out.push_str(&format!(
                "  repeat engager @{:<21} {} engagements, last {}\n",
                printable(e.handle.as_deref().unwrap_or(&e.author_id)),
                e.engagements,
                e.last
            ));
        }
        out.push('\n');
    }
    out
}
