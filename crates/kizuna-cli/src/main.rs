//! `kizuna`: normalise, classify and score social customer-care exports from the command line.
//!
//! ```sh
//! kizuna holidays jp 2026 2027
//! kizuna classify --brand "Sora Air" --brand @sora_air examples/data/sample_export.jsonl > classified.jsonl
//! ```

mod records;
mod report;
mod sla;

/// Records are read on one thread, worked on in the pool and written on a third: with the
/// system allocator those cross-thread frees contend for glibc's arena locks and two cores
/// ran slower than one; mimalloc frees to the owning thread's heap without a lock.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kizuna::classify::{Classifier, ClassifierConfig, Context};
use kizuna::sla::SlaPolicy;
use kizuna::text::{Normalizer, NormalizerOptions, Preset};

use records::fields::{Added, Fields, json};
use records::input::InputFormat;
use records::output::{OutputFormat, RecordWriter};
use records::{Counts, Source, map_records};

#[derive(Parser)]
#[command(
    name = "kizuna",
    version,
    about = "Social customer care for Japanese and English posts"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where an export comes from.
#[derive(clap::Args)]
struct Input {
    /// The export: JSON Lines or CSV (by its extension; the "Customer Support on Twitter"
    /// columns are recognised); standard input when absent or `-`.
    input: Option<PathBuf>,
    /// The input's format, when its extension does not say.
    #[arg(long, value_enum)]
    from: Option<InputFormat>,
}

impl Input {
    /// Opens the export.
    fn open(&self) -> Result<Source, String> {
        Source::open(self.input.as_deref(), self.from)
    }
}

/// Where records come from and go, and how strict to be.
#[derive(clap::Args)]
struct Io {
    #[command(flatten)]
    input: Input,
    /// Where to write; standard output when absent.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The output's format (by the output's extension when absent, else JSON Lines).
    #[arg(long, value_enum)]
    to: Option<OutputFormat>,
    /// The field that holds the post's text.
    #[arg(long, default_value = "text")]
    field: String,
    /// Exit non-zero when any record was rejected.
    #[arg(long)]
    strict: bool,
}

/// The business hours that business-time targets and reply times count in.
#[derive(clap::Args)]
struct Hours {
    /// The time zone of the business hours (and of the report's days).
    #[arg(long, default_value = "UTC")]
    tz: String,
    /// Business hours, as `"mon-fri 09:00-18:00"` (repeatable), for business-time targets.
    #[arg(long)]
    hours: Vec<String>,
    /// Public holidays to close: `jp`.
    #[arg(long)]
    holidays: Option<String>,
}

/// What replies are judged against: the SLA policy, and the hours business time counts in.
#[derive(clap::Args)]
struct Targets {
    /// The SLA policy (JSON or TOML); without it, every first reply within an hour.
    #[arg(long)]
    policy: Option<PathBuf>,
    #[command(flatten)]
    hours: Hours,
}

#[derive(Subcommand)]
enum Command {
    /// Add `normalized` (the normalised text) to each record.
    Normalize {
        #[command(flatten)]
        io: Io,
        /// `search`, `neologdn` or `display`.
        #[arg(long, default_value = "search")]
        preset: String,
        /// A normaliser config (JSON or TOML) instead of a preset.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Add `entities` (URLs, mentions, hashtags, cashtags, emoji, kaomoji) to each record.
    Entities {
        #[command(flatten)]
        io: Io,
    },
    /// Add `sentiment`, `sentiment_score`, `intents`, `urgency`, `needs_reply`, `flame_risk`
    /// and `evidence` to each record.
    Classify {
        #[command(flatten)]
        io: Io,
        /// A brand name or handle (repeatable): never read as sentiment.
        #[arg(long = "brand")]
        brands: Vec<String>,
        /// A classifier config (JSON or TOML): brands, lexicons, vocabularies, rules.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Rebuild threads from an export (posts or events, JSON Lines) and score each against an
    /// SLA policy: per-thread first-reply time and status, then the aggregates.
    Sla {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        targets: Targets,
        /// The instant to judge pending replies at (RFC 3339); now when absent.
        #[arg(long)]
        now: Option<String>,
        /// Print the whole report as JSON.
        #[arg(long)]
        json: bool,
        /// Exit non-zero when any record was rejected.
        #[arg(long)]
        strict: bool,
    },
    /// Score the classifier on labelled mentions (the label set's JSON Lines format): tables by
    /// language and intent, and confusion matrices; `--json` for machines.
    Eval {
        /// The labelled records.
        #[arg(long)]
        labels: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// A brand name or handle (repeatable).
        #[arg(long = "brand")]
        brands: Vec<String>,
        /// A classifier config (JSON or TOML).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// The brand's accounts in an export (posts, JSON Lines or CSV): activity, profile,
    /// response rate and times, and the customers who keep coming back.
    Engage {
        #[command(flatten)]
        input: Input,
        /// A brand handle (`@sora_air`, repeatable) whose posts are the brand's even when the
        /// export does not flag them.
        #[arg(long = "brand")]
        brands: Vec<String>,
        #[command(flatten)]
        hours: Hours,
        /// Print the accounts as JSON.
        #[arg(long)]
        json: bool,
        /// Exit non-zero when any record was rejected.
        #[arg(long)]
        strict: bool,
    },
    /// One report of an export (posts, JSON Lines or CSV): who needs a reply now, reply SLA,
    /// sentiment and intents by day, spikes, the brand's accounts. A self-contained HTML page,
    /// or a Markdown summary.
    Report {
        #[command(flatten)]
        input: Input,
        /// Where to write; `report.html` (or standard output for Markdown) when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// `html` or `md` (by the output's extension when absent, else HTML).
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// A brand name or handle (repeatable): never read as sentiment, and a handle's posts
        /// are the brand's.
        #[arg(long = "brand")]
        brands: Vec<String>,
        /// A classifier config (JSON or TOML).
        #[arg(long)]
        config: Option<PathBuf>,
        #[command(flatten)]
        targets: Targets,
        /// The instant to judge waiting threads at (RFC 3339); the export's last post when absent.
        #[arg(long)]
        now: Option<String>,
        /// Queue only waits this recent (`72h`, `2d`, `90m`); older ones are counted as gone
        /// unanswered.
        #[arg(long, default_value = "72h")]
        horizon: String,
        /// Exit non-zero when any record was rejected.
        #[arg(long)]
        strict: bool,
    },
    /// Print public holidays as `YYYY-MM-DD<TAB>name` lines.
    Holidays {
        /// The country: `jp`.
        country: String,
        /// The first year.
        first: i16,
        /// The last year (the first when absent).
        last: Option<i16>,
    },
}

/// The report's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    /// A self-contained HTML page.
    Html,
    /// A Markdown summary.
    Md,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("kizuna: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Holidays {
            country,
            first,
            last,
        } => holidays(&country, first, last.unwrap_or(first)),
        Command::Normalize { io, preset, config } => {
            let options: NormalizerOptions = match config {
                Some(path) => kizuna::config::parse(&read(&path)?, "normaliser config")
                    .map_err(|e| e.to_string())?,
                None => {
                    NormalizerOptions::preset(preset.parse::<Preset>().map_err(|e| e.to_string())?)
                }
            };
            let normalizer = Normalizer::new(options);
            let field = io.field.clone();
            stream(&io, &["id", "normalized"], |record| {
                let normalized = normalizer.normalize(&record.text(&field)?).into_text();
                Ok(vec![("normalized", json(&normalized)?)])
            })
        }
        Command::Entities { io } => {
            let field = io.field.clone();
            stream(&io, &["id", "entities"], |record| {
                let entities = kizuna::text::extract_entities(&record.text(&field)?);
                Ok(vec![("entities", json(&entities)?)])
            })
        }
        Command::Sla {
            input,
            targets,
            now,
            json,
            strict,
        } => {
            let policy = targets.policy()?;
            let calendar = targets.hours.calendar()?;
            let now = instant(now.as_deref())?.unwrap_or_else(jiff::Timestamp::now);
            let (events, counts) = sla::read_events(input.open()?, io::stderr().lock())
                .map_err(|e| format!("input failed: {e}"))?;
            let report = sla::score(events, &policy, calendar.as_ref(), now)?;
            for problem in &report.problems {
                eprintln!("kizuna: {problem}");
            }
            if json {
                let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
                emit(&format!("{text}\n"))?;
            } else {
                emit(&sla::table(&report))?;
            }
            finish(counts, strict)
        }
        Command::Engage {
            input,
            brands,
            hours,
            json,
            strict,
        } => {
            let calendar = hours.calendar()?;
            let (export, counts) = records::read_posts(input.open()?, io::stderr().lock())
                .map_err(|e| format!("input failed: {e}"))?;
            let mut posts: Vec<_> = export.into_iter().map(|p| p.post).collect();
            report::mark_brand_posts(&mut posts, &brands);
            let window = report::window_of(&posts, &hours.tz)?;
            let views = report::accounts::views(&posts, &window, calendar.as_ref())?;
            if json {
                let text = serde_json::to_string_pretty(&views).map_err(|e| e.to_string())?;
                emit(&format!("{text}\n"))?;
            } else {
                emit(&report::accounts::table(&views))?;
            }
            finish(counts, strict)
        }
        Command::Report {
            input,
            output,
            format,
            brands,
            config,
            targets,
            now,
            horizon,
            strict,
        } => {
            // A day here is 24 hours: the horizon is a length of waiting, not calendar days.
            let horizon = horizon
                .parse::<jiff::Span>()
                .and_then(|s| s.to_duration(jiff::SpanRelativeTo::days_are_24_hours()))
                .map_err(|e| format!("--horizon {horizon:?}: {e}"))?;
            if horizon.is_negative() {
                return Err(format!("--horizon {horizon}: a wait cannot be negative"));
            }
            let classifier = classifier(config, brands.clone())?;
            let policy = targets.policy()?;
            let calendar = targets.hours.calendar()?;
            let source = input
                .input
                .as_deref()
                .and_then(|p| p.file_name())
                .map_or("standard input".to_owned(), |n| {
                    n.to_string_lossy().into_owned()
                });
            let (posts, counts) = records::read_posts(input.open()?, io::stderr().lock())
                .map_err(|e| format!("input failed: {e}"))?;
            let options = report::Options {
                source,
                tz: targets.hours.tz.clone(),
                calendar: calendar.as_ref(),
                policy: &policy,
                now: instant(now.as_deref())?,
                horizon,
                brand_handles: brands,
            };
            let analysis = report::analyse(posts, counts, &classifier, &options)?;
            for problem in &analysis.problems {
                eprintln!("kizuna: {problem}");
            }
            let format = format.unwrap_or(match output.as_deref().and_then(|p| p.extension()) {
                Some(e) if e.eq_ignore_ascii_case("md") => ReportFormat::Md,
                _ => ReportFormat::Html,
            });
            let page = match format {
                ReportFormat::Html => report::html::render(&analysis),
                ReportFormat::Md => report::markdown::render(&analysis),
            };
            let output = match (output, format) {
                (Some(path), _) => Some(path),
                (None, ReportFormat::Html) => Some(PathBuf::from("report.html")),
                (None, ReportFormat::Md) => None,
            };
            match output {
                Some(path) => {
                    std::fs::write(&path, page)
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                    let shown = std::fs::canonicalize(&path).unwrap_or(path);
                    emit(&format!(
                        "report: {} ({} posts need a reply now)\n",
                        shown.display(),
                        analysis.queue.len()
                    ))?;
                }
                None => emit(&page)?,
            }
            finish(counts, strict)
        }
        Command::Eval {
            labels,
            json,
            brands,
            config,
        } => {
            let classifier = classifier(config, brands)?;
            let records = kizuna::classify::eval::read_labelled(&read(&labels)?)
                .map_err(|e| format!("{}: {e}", labels.display()))?;
            let report = kizuna::classify::eval::evaluate(&classifier, &records);
            if json {
                let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
                emit(&format!("{text}\n"))?;
            } else {
                emit(&report.to_string())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Classify { io, brands, config } => {
            let classifier = classifier(config, brands)?;
            let field = io.field.clone();
            stream(&io, CLASSIFY_COLUMNS, |record| {
                let context = context_of(record)?;
                let c = classifier.classify_with(&record.text(&field)?, &context);
                let intents: Vec<&str> = c.intents.iter().map(|i| i.name()).collect();
                Ok(vec![
                    ("sentiment", json(c.sentiment.name())?),
                    ("sentiment_score", json(&c.score)?),
                    ("intents", json(&intents)?),
                    ("urgency", json(c.urgency.name())?),
                    ("needs_reply", json(&c.needs_reply)?),
                    ("flame_risk", json(&c.flame_risk)?),
                    ("evidence", json(&c.evidence)?),
                ])
            })
        }
    }
}

/// The classifier of a config file (or the built-in one) with the `--brand` names added.
fn classifier(config: Option<PathBuf>, brands: Vec<String>) -> Result<Classifier, String> {
    let mut config: ClassifierConfig = match config {
        Some(path) => {
            kizuna::config::parse(&read(&path)?, "classifier config").map_err(|e| e.to_string())?
        }
        None => ClassifierConfig::default(),
    };
    config.brands.extend(brands);
    Classifier::from_config(&config).map_err(|e| e.to_string())
}

/// What a record says about its post: the author's followers (`author.followers` or
/// `followers`) and shares (`metrics.shares` or `shares`), checked.
fn context_of(record: &dyn Fields) -> Result<Context, String> {
    let context = Context {
        followers: record.number("author", "followers"),
        shares: record.number("metrics", "shares"),
        ..Context::default()
    };
    context.check().map_err(|e| e.to_string())?;
    Ok(context)
}

/// What a classify table shows.
const CLASSIFY_COLUMNS: &[&str] = &[
    "id",
    "sentiment",
    "sentiment_score",
    "intents",
    "urgency",
    "needs_reply",
    "flame_risk",
    "text",
];

/// Streams the input through `each` (on every core, in input order), reports the counts,
/// and says how the run ended. A table shows `columns`.
fn stream(
    io: &Io,
    columns: &[&str],
    each: impl Fn(&dyn Fields) -> Result<Added, String> + Sync,
) -> Result<ExitCode, String> {
    if let (Some(input), Some(output)) = (&io.input.input, &io.output) {
        if same_file(input, output) {
            return Err(format!(
                "{} is the input too: writing it would erase the records before they are read; write elsewhere",
                output.display()
            ));
        }
    }
    let source = io.input.open()?;
    let output: Box<dyn Write> = match &io.output {
        Some(path) => Box::new(BufWriter::with_capacity(
            1 << 16,
            File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    };
    let format = OutputFormat::detect(io.to, io.output.as_deref());
    let mut writer = RecordWriter::new(output, format, Some(columns));
    let counts: Counts = map_records(source, &mut writer, io::stderr().lock(), each)
        .map_err(|e| format!("input or output failed: {e}"))?;
    let left_out = writer.finish().map_err(|e| format!("output failed: {e}"))?;
    if !left_out.is_empty() {
        let names: Vec<String> = left_out.into_iter().collect();
        eprintln!(
            "kizuna: fields missing from the first record have no CSV column and were left out: {} (JSON Lines keeps them)",
            names.join(", ")
        );
    }
    finish(counts, io.strict)
}

/// Whether two paths name one existing file (through links too).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(a), Ok(b)) => {
            use std::os::unix::fs::MetadataExt;
            (a.dev(), a.ino()) == (b.dev(), b.ino())
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok(),
        _ => false,
    }
}

/// Reports the counts and says how the run ended: 1 when `strict` and a record was rejected.
fn finish(counts: Counts, strict: bool) -> Result<ExitCode, String> {
    eprintln!("kizuna: {counts}");
    Ok(if strict && counts.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The instant of `--now`, checked.
fn instant(at: Option<&str>) -> Result<Option<jiff::Timestamp>, String> {
    at.map(|at| {
        at.parse::<jiff::Timestamp>()
            .map_err(|e| format!("--now {at:?}: {e}"))
    })
    .transpose()
}

impl Targets {
    /// The policy of `--policy`, or every first reply within an hour.
    fn policy(&self) -> Result<SlaPolicy, String> {
        match &self.policy {
            Some(path) => {
                SlaPolicy::from_config(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
            }
            None => SlaPolicy::from_config(sla::DEFAULT_POLICY).map_err(|e| e.to_string()),
        }
    }
}

impl Hours {
    /// The calendar of these hours, when any are given.
    fn calendar(&self) -> Result<Option<kizuna::sla::Calendar>, String> {
        sla::calendar(&self.tz, &self.hours, self.holidays.as_deref())
    }
}

fn holidays(country: &str, first: i16, last: i16) -> Result<ExitCode, String> {
    if !country.eq_ignore_ascii_case("jp") {
        return Err(format!(
            "no holidays for {country:?}: only `jp` is built in"
        ));
    }
    let days =
        kizuna::sla::holidays::japanese_holidays_in(first..=last).map_err(|e| e.to_string())?;
    let mut out = BufWriter::new(io::stdout().lock());
    for day in days {
        writeln!(out, "{}\t{}", day.date, day.name_ja).map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `text` to standard output; a closed pipe (`| head`) is an error to report, not a
/// panic as `print!` would make it.
fn emit(text: &str) -> Result<(), String> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write the output: {e}"))
}

fn read(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}
