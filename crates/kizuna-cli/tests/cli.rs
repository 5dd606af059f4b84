//! The `kizuna` binary run as a user would: on the sample export, on standard input, on
//! malformed lines, and with bad arguments.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn kizuna(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let input = stdin.unwrap_or("").to_owned();
    let mut pipe = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || pipe.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("the binary ends");
    writer.join().expect("writer").expect("stdin written");
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Asserts that the run failed as bad arguments or input do (exit 2), saying `message`.
fn fails_saying(out: &Output, message: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(message), "{err}");
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/sample_export.jsonl")
}

#[test]
fn holidays_print_date_tab_name_lines() {
    let out = kizuna(&["holidays", "jp", "2026"], None);
    assert!(out.status.success());
    let lines = text(&out.stdout);
    assert!(lines.contains("2026-11-23\t勤労感謝の日\n"), "{lines}");
    assert!(lines.contains("2026-09-22\t国民の休日\n"), "{lines}");
    assert_eq!(lines.lines().count(), 18);
    let two_years = kizuna(&["holidays", "jp", "2000", "2030"], None);
    assert_eq!(text(&two_years.stdout).lines().count(), 540); // tests/vectors/japan_holidays.csv
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    let out = kizuna(&["holidays", "fr", "2026"], None);
    fails_saying(&out, "only `jp`");
    let out = kizuna(&["holidays", "jp", "1900"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = kizuna(&["normalize", "--preset", "loud"], Some(""));
    fails_saying(&out, "neologdn");
    let out = kizuna(&["classify", "/nonexistent/posts.jsonl"], None);
    fails_saying(&out, "cannot open");
}

#[test]
fn classify_adds_the_labels_to_every_record_of_the_sample() {
    let path = sample();
    let out = kizuna(
        &[
            "classify",
            "--brand",
            "Sora Air",
            "--brand",
            "@sora_air",
            path.to_str().expect("path"),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let input_lines = std::fs::read_to_string(&path)
        .expect("sample")
        .lines()
        .count();
    let records: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON lines out"))
        .collect();
    assert_eq!(records.len(), input_lines);
    for record in &records {
        for field in [
            "sentiment",
            "sentiment_score",
            "intents",
            "urgency",
            "needs_reply",
            "flame_risk",
            "evidence",
            "id",
        ] {
            assert!(record.get(field).is_some(), "{field} missing in {record}");
        }
    }
    assert!(text(&out.stderr).contains(&format!(
        "{input_lines} records read, {input_lines} written, 0 rejected"
    )));
}

#[test]
fn malformed_lines_are_reported_counted_and_strict_fails() {
    let input = "{\"id\": \"1\", \"text\": \"最高でした！\"}\nnot json\n{\"id\": \"3\"}\n{\"id\": \"4\", \"text\": \"bad service\", \"author\": {\"followers\": -5}}\n";
    let out = kizuna(&["classify"], Some(input));
    assert!(out.status.success());
    let errors = text(&out.stderr);
    assert!(errors.contains("line 2: not JSON"), "{errors}");
    assert!(errors.contains("line 3: no \"text\" field"), "{errors}");
    assert!(errors.contains("line 4: context followers -5"), "{errors}");
    assert!(
        errors.contains("4 records read, 1 written, 3 rejected"),
        "{errors}"
    );
    assert_eq!(text(&out.stdout).lines().count(), 1);
    let strict = kizuna(&["classify", "--strict", "-"], Some(input));
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn normalize_and_entities_from_standard_input() {
    let input = "{\"text\": \"ﾊﾝｶｸｶﾅ ｗｗｗｗ #拡散希望\"}\n";
    let out = kizuna(&["normalize", "--preset", "neologdn"], Some(input));
    let record: serde_json::Value = serde_json::from_str(text(&out.stdout).trim()).expect("JSON");
    assert_eq!(record["normalized"], "ハンカクカナwwww #拡散希望");
    let out = kizuna(&["entities", "--field", "text"], Some(input));
    let record: serde_json::Value = serde_json::from_str(text(&out.stdout).trim()).expect("JSON");
    assert_eq!(record["entities"][0]["kind"], "hashtag");
}

#[test]
fn eval_prints_tables_or_json() {
    let labels =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/mentions_dev.jsonl");
    let labels = labels.to_str().expect("path");
    let out = kizuna(&["eval", "--labels", labels], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let tables = text(&out.stdout);
    assert!(tables.starts_with("| scope | records |"), "{tables}");
    assert!(tables.contains("| all | 480 |"), "{tables}");
    let out = kizuna(&["eval", "--labels", labels, "--json"], None);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["overall"]["records"], 480);
    assert_eq!(report["by_language"]["ja"]["records"], 240);
    let bad = kizuna(&["eval", "--labels", "/nonexistent.jsonl"], None);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn sla_scores_the_sample_in_business_time() {
    let path = sample();
    let policy = std::env::temp_dir().join(format!("kizuna-policy-{}.toml", std::process::id()));
    std::fs::write(
        &policy,
        "[[rules]]\nname = \"support\"\nfirst_reply = { within = \"2h\", clock = \"business\" }\n",
    )
    .expect("policy written");
    let args = [
        "sla",
        path.to_str().expect("path"),
        "--policy",
        policy.to_str().expect("path"),
        "--tz",
        "Asia/Tokyo",
        "--hours",
        "mon-fri 09:00-18:00",
        "--holidays",
        "jp",
        "--now",
        "2026-11-23T00:00:00Z",
    ];
    let out = kizuna(&args, None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.starts_with("thread\trule\tfirst_reply\tstatus"),
        "{table}"
    );
    assert!(table.contains("\tsupport\t"), "{table}");
    assert!(table.contains("SLA score"), "{table}");
    let json = kizuna(&[&args[..], &["--json"]].concat(), None);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert!(report["summary"]["threads"].as_u64().expect("threads") > 1000);
    // Business targets without business hours cannot be judged: said, not guessed.
    let out = kizuna(
        &[
            "sla",
            path.to_str().expect("path"),
            "--policy",
            policy.to_str().expect("path"),
        ],
        None,
    );
    fails_saying(&out, "calendar");
    std::fs::remove_file(policy).ok();
}

#[test]
fn sla_reads_events_from_classify_and_reports_bad_lines() {
    let input = "{\"id\": \"1\", \"created_at\": \"2026-11-24T01:00:00Z\", \"author_id\": \"taro\", \"urgency\": \"high\"}\n\
                 {\"id\": \"2\", \"created_at\": \"2026-11-24T01:20:00Z\", \"author_id\": \"brand\", \"is_brand\": true, \"in_reply_to\": \"1\"}\n\
                 {\"id\": \"3\"}\n";
    let out = kizuna(&["sla", "--now", "2026-11-24T02:00:00Z"], Some(input));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("1\tdefault\t20m\tachieved"),
        "{}",
        text(&out.stdout)
    );
    let errors = text(&out.stderr);
    assert!(errors.contains("line 3: not an event or post"), "{errors}");
    assert!(
        errors.contains("3 records read, 2 written, 1 rejected"),
        "{errors}"
    );
    let strict = kizuna(
        &["sla", "--strict", "--now", "2026-11-24T02:00:00Z"],
        Some(input),
    );
    assert_eq!(strict.status.code(), Some(1));
}

fn twcs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/twcs_shape.csv")
}

fn json_lines(bytes: &[u8]) -> Vec<serde_json::Value> {
    text(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn twcs_csv_is_read_as_posts_and_its_bad_rows_are_named() {
    let path = twcs();
    let out = kizuna(&["classify", path.to_str().expect("UTF-8 path")], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), 9);
    let err = text(&out.stderr);
    assert!(
        err.contains("line 11: inbound must be True or False"),
        "{err}"
    );
    assert!(
        err.contains("line 12: ") && err.contains("not a tweet time"),
        "{err}"
    );
    assert!(
        err.contains("11 records read, 9 written, 2 rejected"),
        "{err}"
    );
    let by_id = |id: &str| records.iter().find(|r| r["id"] == id).expect("the record");
    assert_eq!(by_id("101")["urgency"], "high");
    assert_eq!(by_id("101")["author"]["is_brand"], false);
    assert_eq!(by_id("102")["author"]["is_brand"], true);
    assert_eq!(
        by_id("106")["in_reply_to"],
        "105",
        "the export's float ids are read"
    );
    assert_eq!(by_id("104")["sentiment"], "negative");
    assert_eq!(
        by_id("107")["text"],
        "@LynqsHelp app keeps crashing at login\nand I can't pay my bill"
    );
    assert_eq!(by_id("107")["created_at"], "2026-11-16T12:00:00Z");
}

#[test]
fn twcs_threads_are_scored_and_reported() {
    let path = twcs();
    let path = path.to_str().expect("UTF-8 path");
    let now = "2026-11-16T18:00:00Z";
    let out = kizuna(&["sla", path, "--now", now, "--json"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let summary = &report["summary"];
    assert_eq!(summary["threads"], 5, "101-103, 104, 105-106, 107-108, 111");
    assert_eq!(
        summary["first_reply"]["achieved"], 1,
        "102 came in 12 minutes"
    );
    assert_eq!(summary["first_reply"]["breached"], 4, "{summary}");

    let md = kizuna(&["report", path, "--format", "md", "--now", now], None);
    assert!(md.status.success(), "{}", text(&md.stderr));
    let md = text(&md.stdout);
    assert!(
        md.contains("### @SoraAirSupport") && md.contains("### @LynqsHelp"),
        "{md}"
    );
    assert!(md.contains("## Needs a reply now (3)"), "{md}");
    let queue =
        &md[md.find("## Needs a reply now").expect("queue")..md.find("## Reply SLA").expect("sla")];
    let rows: Vec<&str> = queue
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| urgency"))
        .collect();
    // The two unanswered complaints first (high urgency, breached), then 103: its author sent
    // the details the brand asked for, so the brand owes the next reply (no target for it).
    assert!(
        rows[0].starts_with("| high | 8h 00m | breached | @500102 |"),
        "{queue}"
    );
    assert!(
        rows[1].starts_with("| high | 2h 00m | breached | @500107 |"),
        "{queue}"
    );
    assert!(
        rows[2].contains("| no target | @500101 | @SoraAirSupport sent, thanks |"),
        "{queue}"
    );
}

#[test]
fn csv_out_reads_back_in_and_tables_are_aligned() {
    let sample = sample();
    let sample = sample.to_str().expect("UTF-8 path");
    let dir = std::env::temp_dir().join(format!("kizuna-cli-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let csv = dir.join("classified.csv");
    let out = kizuna(
        &["classify", sample, "-o", csv.to_str().expect("UTF-8")],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&csv).expect("the CSV");
    let header = written.lines().next().expect("a header");
    assert!(
        header.starts_with(
            "id,platform,created_at,author.id,author.handle,author.followers,author.is_brand,text"
        ),
        "{header}"
    );
    assert!(
        header
            .ends_with("sentiment,sentiment_score,intents,urgency,needs_reply,flame_risk,evidence"),
        "{header}"
    );
    // The CSV is an input too: the same posts come back, with their nested fields.
    let again = kizuna(&["normalize", csv.to_str().expect("UTF-8")], None);
    assert!(again.status.success(), "{}", text(&again.stderr));
    let records = json_lines(&again.stdout);
    assert_eq!(records.len(), 6131);
    assert!(records[0]["author"]["followers"].is_f64());
    assert!(records[0]["normalized"].is_string());

    let table = kizuna(&["classify", sample, "--to", "table"], None);
    let table = text(&table.stdout);
    let mut lines = table.lines();
    let head = lines.next().expect("a header");
    assert!(head.starts_with("id") && head.ends_with("text"), "{head}");
    assert_eq!(table.lines().count(), 6132);
    std::fs::remove_dir_all(&dir).expect("cleaned");
}

#[test]
fn writing_over_the_input_is_refused_and_the_input_kept() {
    let dir = std::env::temp_dir().join(format!("kizuna-cli-same-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("posts.jsonl");
    std::fs::write(&path, "{\"text\": \"a\"}\n").expect("written");
    let link = dir.join("link.jsonl");
    std::fs::hard_link(&path, &link).expect("a hard link");
    for output in [&path, &link] {
        let out = kizuna(
            &[
                "normalize",
                path.to_str().expect("UTF-8"),
                "-o",
                output.to_str().expect("UTF-8"),
            ],
            None,
        );
        fails_saying(&out, "is the input too");
    }
    assert_eq!(
        std::fs::read_to_string(&path).expect("kept"),
        "{\"text\": \"a\"}\n"
    );
    std::fs::remove_dir_all(&dir).expect("cleaned");
}

#[test]
fn a_failed_write_ends_the_run_while_standard_input_stays_open() {
    // `| head -1` closes the pipe early; the run must end even though its input has not.
    let mut child = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["classify"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    drop(child.stdout.take()); // the reader of the output goes away
    let mut input = child.stdin.take().expect("stdin");
    let lines = "{\"text\": \"flight delayed again\"}\n".repeat(20_000);
    // Once kizuna has stopped, the rest of the input meets a closed pipe: that is expected.
    let _ = input.write_all(lines.as_bytes());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waitable") {
            break status;
        }
        assert!(
            started.elapsed().as_secs() < 20,
            "kizuna hangs after its output closed"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    drop(input);
    assert_eq!(status.code(), Some(2));
}

#[test]
fn engage_profiles_the_brand_accounts() {
    let sample = sample();
    let sample = sample.to_str().expect("UTF-8 path");
    let out = kizuna(&["engage", sample, "--tz", "Asia/Tokyo"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.contains("@lynqs_mobile (b_lynqs)") && table.contains("@sora_air (b_sora)"),
        "{table}"
    );
    assert!(table.contains("repeat engager @"), "{table}");
    let json = kizuna(&["engage", sample, "--json"], None);
    let views: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let views = views.as_array().expect("a list");
    assert_eq!(views.len(), 2);
    assert_eq!(views[0]["handle"], "lynqs_mobile", "most posts first");
    let rate = views[0]["response"]["response_rate"]
        .as_f64()
        .expect("a rate");
    assert!((0.0..=1.0).contains(&rate));
    let empty = kizuna(&["engage"], Some(""));
    fails_saying(&empty, "no posts");
}

/// The report of the sample, written to a fresh directory.
fn sample_report(name: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("kizuna-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("report.html");
    let sample = sample();
    let out = kizuna(
        &[
            "report",
            sample.to_str().expect("UTF-8"),
            "--tz",
            "Asia/Tokyo",
            "--hours",
            "mon-fri 09:00-18:00",
            "--holidays",
            "jp",
            "-o",
            path.to_str().expect("UTF-8"),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("report: /"),
        "says where the report is"
    );
    let page = std::fs::read_to_string(&path).expect("the report");
    (path, page)
}

#[test]
fn the_report_is_one_self_contained_page() {
    let (path, page) = sample_report("page");
    assert_eq!(page.matches("<svg class=\"chart\"").count(), 3);
    assert!(page.contains("<h2 id=\"queue\">Needs a reply now ("));
    assert!(page.contains("<mark class=\"neg\""), "evidence is marked");
    assert!(page.contains("@lynqs_mobile") && page.contains("@sora_air"));
    assert!(page.contains("2026-11-12"), "the outage day is a spike");
    for external in ["src=\"http", "href=\"http", "url(http", "@import"] {
        assert!(!page.contains(external), "nothing fetched: {external}");
    }
    std::fs::remove_dir_all(path.parent().expect("dir")).expect("cleaned");
}

/// The system's Chromium, if there is one.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

#[test]
fn the_report_renders_in_a_headless_browser_without_console_errors() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED: no Chromium on PATH (./scripts/test installs the `chromium` package where apt-get can)"
        );
        return;
    };
    let (path, _) = sample_report("browser");
    let profile = path.with_file_name("chromium-profile");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", path.display()))
        .output()
        .expect("Chromium runs");
    let dom = text(&out.stdout);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(
        dom.contains("data-charts=\"3\""),
        "the page script counted the charts: {log}"
    );
    assert!(
        dom.contains("data-rendered=\"yes\""),
        "every chart was laid out with a size: {log}"
    );
    let console: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
        .collect();
    assert!(console.is_empty(), "console messages: {console:?}");
    std::fs::remove_dir_all(path.parent().expect("dir")).expect("cleaned");
}

#[test]
fn a_progress_bar_is_drawn_on_a_terminal_and_nowhere_else() {
    // `script` (util-linux) runs the command on a pseudo-terminal.
    let on_terminal = |ci: bool| {
        let sample = sample();
        let command = format!(
            "{} classify {} -o /dev/null",
            env!("CARGO_BIN_EXE_kizuna"),
            sample.display()
        );
        let mut script = Command::new("script");
        script
            .args(["-qec", &command, "/dev/null"])
            .env_remove("CI");
        if ci {
            script.env("CI", "true");
        }
        script.output().ok().filter(|o| o.status.success())
    };
    let Some(drawn) = on_terminal(false) else {
        eprintln!("SKIPPED: no `script` command to run kizuna on a pseudo-terminal");
        return;
    };
    let drawn = String::from_utf8_lossy(&drawn.stdout);
    assert!(drawn.contains('█') && drawn.contains("MiB"), "{drawn}");
    let quiet = on_terminal(true).expect("script ran before");
    let quiet = String::from_utf8_lossy(&quiet.stdout);
    assert!(!quiet.contains('█'), "CI logs stay quiet: {quiet}");
    assert!(quiet.contains("6131 records read"), "{quiet}");
}

#[test]
fn a_live_feed_is_answered_record_by_record() {
    // `tail -f export.jsonl | kizuna classify`: each record comes out without waiting for more.
    let mut child = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["classify"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin");
    let output = child.stdout.take().expect("stdout");
    let (lines, arriving) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(output).lines() {
            if lines.send(line).is_err() {
                return;
            }
        }
    });
    for text in ["flight delayed again", "ログインできない"] {
        writeln!(input, "{{\"text\": \"{text}\"}}").expect("written");
        input.flush().expect("flushed");
        let line = arriving
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("a line while the input stays open")
            .expect("UTF-8");
        let record: serde_json::Value = serde_json::from_str(&line).expect("JSON");
        assert_eq!(record["text"], text);
        assert_eq!(record["sentiment"], "negative");
    }
    drop(input);
    assert!(child.wait().expect("ends").success());
}
