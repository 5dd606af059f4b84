//! `kizuna`: normalise, classify and score social customer-care exports from the command line.
//!
//! ```sh
//! kizuna holidays jp 2026 2027
//! kizuna classify --brand "Sora Air" --brand @sora_air examples/data/sample_export.jsonl > classified.jsonl
//! ```

mod records;
mod sla;

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kizuna::classify::{Classifier, ClassifierConfig, Context};
use kizuna::sla::SlaPolicy;
use kizuna::text::{Normalizer, NormalizerOptions, Preset};
use serde_json::Value;

use records::{Counts, map_jsonl, text_of};

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

/// Where records come from and go, and how strict to be.
#[derive(clap::Args)]
struct Io {
    /// JSON Lines input (one record a line); standard input when absent or `-`.
    input: Option<PathBuf>,
    /// Where to write; standard output when absent.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The field that holds the post's text.
    #[arg(long, default_value = "text")]
    field: String,
    /// Exit non-zero when any record was rejected.
    #[arg(long)]
    strict: bool,
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
        /// A classifier config (JSON or TOML): brands, lexicons, rules.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Rebuild threads from an export (posts or events, JSON Lines) and score each against an
    /// SLA policy: per-thread first-reply time and status, then the aggregates.
    Sla {
        /// JSON Lines input; standard input when absent or `-`.
        input: Option<PathBuf>,
        /// The SLA policy (JSON or TOML); without it, every first reply within an hour.
        #[arg(long)]
        policy: Option<PathBuf>,
        /// The time zone of the business hours.
        #[arg(long, default_value = "UTC")]
        tz: String,
        /// Business hours, as `"mon-fri 09:00-18:00"` (repeatable), for business-time targets.
        #[arg(long)]
        hours: Vec<String>,
        /// Public holidays to close: `jp`.
        #[arg(long)]
        holidays: Option<String>,
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
            stream(&io, |mut record| {
                let normalized = normalizer.normalize(text_of(&record, &field)?).into_text();
                record.insert("normalized".into(), normalized.into());
                Ok(record)
            })
        }
        Command::Entities { io } => {
            let field = io.field.clone();
            stream(&io, |mut record| {
                let entities = kizuna::text::extract_entities(text_of(&record, &field)?);
                let entities = serde_json::to_value(entities).map_err(|e| e.to_string())?;
                record.insert("entities".into(), entities);
                Ok(record)
            })
        }
        Command::Sla {
            input,
            policy,
            tz,
            hours,
            holidays,
            now,
            json,
            strict,
        } => {
            let policy = match policy {
                Some(path) => SlaPolicy::from_config(&read(&path)?)
                    .map_err(|e| format!("{}: {e}", path.display()))?,
                None => SlaPolicy::from_config(sla::DEFAULT_POLICY).map_err(|e| e.to_string())?,
            };
            let calendar = sla::calendar(&tz, &hours, holidays.as_deref())?;
            let now = match now {
                Some(at) => at
                    .parse::<jiff::Timestamp>()
                    .map_err(|e| format!("--now {at:?}: {e}"))?,
                None => jiff::Timestamp::now(),
            };
            let (events, counts) = sla::read_events(open(input.as_deref())?, io::stderr().lock())
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
            eprintln!("kizuna: {counts}");
            Ok(if strict && counts.rejected > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
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
            stream(&io, |mut record| {
                let context = context_of(&record)?;
                let c = classifier.classify_with(text_of(&record, &field)?, &context);
                let evidence = serde_json::to_value(&c.evidence).map_err(|e| e.to_string())?;
                let intents: Vec<&str> = c.intents.iter().map(|i| i.name()).collect();
                record.insert("sentiment".into(), c.sentiment.name().into());
                record.insert("sentiment_score".into(), c.score.into());
                record.insert("intents".into(), intents.into());
                record.insert("urgency".into(), c.urgency.name().into());
                record.insert("needs_reply".into(), c.needs_reply.into());
                record.insert("flame_risk".into(), c.flame_risk.into());
                record.insert("evidence".into(), evidence);
                Ok(record)
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
fn context_of(record: &serde_json::Map<String, Value>) -> Result<Context, String> {
    let number = |outer: &str, inner: &str| {
        record
            .get(outer)
            .and_then(|o| o.get(inner))
            .or_else(|| record.get(inner))
            .and_then(Value::as_f64)
    };
    let context = Context {
        followers: number("author", "followers"),
        shares: number("metrics", "shares"),
        ..Context::default()
    };
    context.check().map_err(|e| e.to_string())?;
    Ok(context)
}

/// Streams the input through `each`, reports the counts, and says how the run ended.
fn stream(
    io: &Io,
    each: impl FnMut(serde_json::Map<String, Value>) -> Result<serde_json::Map<String, Value>, String>,
) -> Result<ExitCode, String> {
    let input = open(io.input.as_deref())?;
    let output: Box<dyn Write> = match &io.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let counts: Counts = map_jsonl(input, output, io::stderr().lock(), each)
        .map_err(|e| format!("input or output failed: {e}"))?;
    eprintln!("kizuna: {counts}");
    Ok(if io.strict && counts.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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

/// The input file, or standard input when absent or `-`.
fn open(path: Option<&std::path::Path>) -> Result<Box<dyn BufRead>, String> {
    Ok(match path {
        None => Box::new(BufReader::new(io::stdin())),
        Some(path) if path.as_os_str() == "-" => Box::new(BufReader::new(io::stdin())),
        Some(path) => Box::new(BufReader::new(
            File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?,
        )),
    })
}

fn read(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}
