//! The `yorisoi` binary as an operator meets it: help, configuration errors,
//! zero-configuration start, migrations and the first administrator.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn yorisoi(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_yorisoi"));
    command.current_dir(dir);
    // A clean environment: settings from the developer's shell must not leak in.
    for (key, _) in std::env::vars().filter(|(key, _)| key.starts_with("YORISOI_")) {
        command.env_remove(key);
    }
    command
}

/// A fresh working directory: each test starts where no `./data/` exists yet.
fn temp_dir() -> std::path::PathBuf {
    use std::hash::{BuildHasher, Hasher};
    let unique = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let dir = std::env::temp_dir().join(format!("yorisoi-cli-{}-{unique:x}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn help_documents_every_setting() {
    let output = yorisoi(&temp_dir())
        .args(["serve", "--help"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for setting in [
        "YORISOI_BIND",
        "YORISOI_DATABASE_URL",
        "YORISOI_REDIS_URL",
        "YORISOI_DB_MAX_CONNECTIONS",
        "YORISOI_PUBLIC_ORIGINS",
        "YORISOI_SESSION_HOURS",
        "YORISOI_TRUST_FORWARDED_FOR",
        "YORISOI_LOG",
        "YORISOI_LOG_FORMAT",
        "YORISOI_DEMO",
        "YORISOI_REQUEUE_GRACE_SECONDS",
        "YORISOI_NEW_DEVICES_PER_MINUTE",
        "YORISOI_TEEN_IDLE_PROMPT_SECONDS",
        "YORISOI_TEEN_IDLE_END_SECONDS",
        "YORISOI_MODERATION_RULES_DIR",
    ] {
        assert!(
            help.contains(setting),
            "serve --help does not mention {setting}"
        );
    }
    let top = yorisoi(&temp_dir()).arg("--help").output().unwrap();
    let top = String::from_utf8(top.stdout).unwrap();
    for command in ["serve", "migrate", "admin"] {
        assert!(top.contains(command), "--help does not list {command}");
    }
}

#[test]
fn bad_settings_stop_with_one_line_naming_the_setting() {
    let cases = [
        (
            "YORISOI_DATABASE_URL",
            "mysql://root@localhost/yorisoi",
            "unsupported scheme",
        ),
        ("YORISOI_BIND", "not-an-address", "address:port"),
        ("YORISOI_REDIS_URL", "http://127.0.0.1:6379", "redis://"),
        ("YORISOI_SESSION_HOURS", "0", "1 to 168"),
        ("YORISOI_PUBLIC_ORIGINS", "example.jp", "origin"),
        ("YORISOI_LOG_FORMAT", "xml", "text or json"),
        ("YORISOI_DEMO", "perhaps", "true or false"),
        (
            "YORISOI_MODERATION_RULES_DIR",
            "/no/such/dir",
            "not a directory",
        ),
    ];
    for (setting, value, hint) in cases {
        let dir = temp_dir();
        let output = yorisoi(&dir)
            .arg("serve")
            .env(setting, value)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{setting}={value} must exit 2"
        );
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "one line for {setting}: {stderr}"
        );
        assert!(
            stderr.contains(setting) && stderr.contains(hint),
            "{setting}: {stderr}"
        );
        assert!(
            !dir.join("data").exists(),
            "a refused start creates nothing"
        );
    }
    // The same check applies to flags.
    let output = yorisoi(&temp_dir())
        .args(["migrate", "--database-url", "oracle://x"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("YORISOI_DATABASE_URL"));
}

/// A `yorisoi serve` process; killed when dropped.
struct Served {
    child: Child,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Path, extra_env: &[(&str, &str)], args: &[&str]) -> (Served, Vec<String>) {
    let mut command = yorisoi(dir);
    command
        .arg("serve")
        .args(args)
        .env("YORISOI_BIND", "127.0.0.1:0");
    for (key, value) in extra_env {
        command.env(key, value);
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("yorisoi: serving on ") {
                let _ = tx.send(rest.split('/').take(3).collect::<Vec<_>>().join("/"));
            }
        }
    });
    let base = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("server announces its address");
    let stdout_lines: Vec<String> = {
        // Demo accounts are printed before serving starts; read what is there.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        std::iter::from_fn(|| rx.recv_timeout(Duration::from_millis(500)).ok()).collect()
    };
    (Served { child, base }, stdout_lines)
}

fn get(url: &str) -> (u16, serde_json::Value) {
    let runtime = tokio_runtime();
    runtime.block_on(async {
        let response = reqwest::get(url).await.unwrap();
        let status = response.status().as_u16();
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    })
}

fn tokio_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn zero_configuration_serves_from_an_sqlite_file_under_data() {
    let dir = temp_dir();
    let (served, _) = serve(&dir, &[], &[]);
    assert!(
        dir.join("data/yorisoi.db").exists(),
        "the database file is created under ./data/"
    );
    assert_eq!(get(&format!("{}/healthz", served.base)).0, 200);
    assert_eq!(get(&format!("{}/readyz", served.base)).0, 200);
    let (status, lines) = get(&format!("{}/api/lines", served.base));
    assert_eq!(
        (status, lines["lines"].as_array().map(Vec::len)),
        (200, Some(0))
    );
}

#[test]
fn demo_mode_seeds_lines_and_one_account_per_role() {
    let dir = temp_dir();
    let (served, printed) = serve(&dir, &[], &["--demo"]);
    let (_, lines) = get(&format!("{}/api/lines", served.base));
    let ids: Vec<_> = lines["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["youth-health", "young-carer", "anytime-demo"]);
    assert_eq!(
        lines["lines"][2]["open_now"], true,
        "one line is open around the clock"
    );
    let youth = &lines["lines"][0]["schedule"]["weekly"];
    assert_eq!(
        youth,
        &serde_json::json!([{ "day": "wed", "start": "15:00", "end": "20:00" }, { "day": "sun", "start": "09:00", "end": "14:00" }])
    );
    for role in ["admin", "supervisor", "counselor", "moderator", "partner"] {
        assert!(
            printed
                .iter()
                .any(|line| line.trim_start().starts_with(role)),
            "no {role} account printed: {printed:?}"
        );
    }
}

#[test]
fn migrate_then_create_the_first_administrator() {
    let dir = temp_dir();
    let migrate = yorisoi(&dir).arg("migrate").output().unwrap();
    assert!(
        migrate.status.success(),
        "{}",
        String::from_utf8_lossy(&migrate.stderr)
    );
    assert!(dir.join("data/yorisoi.db").exists());

    let mut create = yorisoi(&dir)
        .args([
            "admin",
            "create",
            "--username",
            "first-admin",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    create
        .stdin
        .take()
        .unwrap()
        .write_all(b"a very good password\n")
        .unwrap();
    let created = create.wait_with_output().unwrap();
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(String::from_utf8(created.stdout)
        .unwrap()
        .contains("created administrator first-admin"));

    let again = yorisoi(&dir)
        .args(["admin", "create", "--username", "first-admin"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8(again.stderr)
        .unwrap()
        .contains("already taken"));

    let generated = yorisoi(&dir)
        .args(["admin", "create", "--username", "second-admin"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(generated.stdout).unwrap();
    assert!(
        stdout.contains("password: "),
        "a generated password is shown once: {stdout}"
    );

    // The administrator can sign in to the server on the same database.
    let (served, _) = serve(&dir, &[], &[]);
    let runtime = tokio_runtime();
    let status = runtime.block_on(async {
        reqwest::Client::new()
            .post(format!("{}/api/staff/session", served.base))
            // As a browser on the page would: port 0 was resolved to the real port.
            .header("origin", &served.base)
            .json(&serde_json::json!({ "username": "first-admin", "password": "a very good password" }))
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status.as_u16(), 200);
}

#[test]
fn moderate_answers_one_json_verdict_per_line() {
    let mut child = yorisoi(&temp_dir())
        .args(["moderate", "--context", "salon"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("死にたい\nテスト死んだｗ\n今日は晴れ\n".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let verdicts: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(verdicts.len(), 3);
    assert_eq!(verdicts[0]["categories"], serde_json::json!(["self_harm"]));
    assert!(verdicts[0]["spans"]
        .as_array()
        .is_some_and(|spans| !spans.is_empty()));
    assert_eq!(
        verdicts[1]["categories"],
        serde_json::json!([]),
        "hyperbole is not risk"
    );
    assert_eq!(verdicts[2]["action"], "allow");

    let refused = yorisoi(&temp_dir())
        .args(["moderate", "--context", "party"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
}
