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
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("only `jp`"));
    let out = kizuna(&["holidays", "jp", "1900"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = kizuna(&["normalize", "--preset", "loud"], Some(""));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("neologdn"));
    let out = kizuna(&["classify", "/nonexistent/posts.jsonl"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot open"));
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
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("calendar"),
        "{}",
        text(&out.stderr)
    );
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
