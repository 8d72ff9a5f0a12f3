//! Typed configuration: read from flags and `YORISOI_*` environment variables
//! by clap, then validated here so that a bad value stops the process with one
//! line naming the setting.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

use clap::Args;

/// Settings shared by every command that opens the database.
#[derive(Args, Clone)]
pub struct DatabaseArgs {
    /// Database: `sqlite://PATH` (created if missing) or `postgres://USER@HOST:PORT/DB`.
    #[arg(
        long,
        env = "YORISOI_DATABASE_URL",
        default_value = "sqlite://data/yorisoi.db"
    )]
    pub database_url: String,

    /// Largest number of pooled database connections (1–1000).
    #[arg(long, env = "YORISOI_DB_MAX_CONNECTIONS", default_value = "10")]
    pub db_max_connections: String,
}

/// Settings of `yorisoi serve`.
#[derive(Args, Clone)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "YORISOI_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// Database settings.
    #[command(flatten)]
    pub database: DatabaseArgs,

    /// Redis for fan-out between nodes (`redis://HOST:PORT`); unset: in-process bus, one node.
    #[arg(long, env = "YORISOI_REDIS_URL")]
    pub redis_url: Option<String>,

    /// Origins allowed to call the API and open websockets, comma-separated
    /// (e.g. `https://yorisoi.example.jp`); unset: the bind address and its localhost twin.
    #[arg(long, env = "YORISOI_PUBLIC_ORIGINS")]
    pub public_origins: Option<String>,

    /// Hours a staff sign-in stays valid (1–168).
    #[arg(long, env = "YORISOI_SESSION_HOURS", default_value = "12")]
    pub session_hours: String,

    /// Seconds a counsellor may be disconnected (a reload, a network blip) before
    /// their chats return to the top of the queue (0–600).
    #[arg(long, env = "YORISOI_REQUEUE_GRACE_SECONDS", default_value = "30")]
    pub requeue_grace_seconds: String,

    /// Directory of moderation rules (`*.toml`, as in `moderation/rules/`) to use
    /// instead of the built-in ones; administrators can reload it while running.
    #[arg(long, env = "YORISOI_MODERATION_RULES_DIR")]
    pub moderation_rules_dir: Option<PathBuf>,

    /// Seconds a teen may be quiet in a chat before a gentle prompt (10–86400).
    #[arg(long, env = "YORISOI_TEEN_IDLE_PROMPT_SECONDS", default_value = "600")]
    pub teen_idle_prompt_seconds: String,

    /// Seconds a teen may be quiet before the chat ends kindly (more than the prompt; up to 86400).
    #[arg(long, env = "YORISOI_TEEN_IDLE_END_SECONDS", default_value = "1200")]
    pub teen_idle_end_seconds: String,

    /// New teen device tokens one client may get per minute (after a burst of as
    /// many). Raise it only for load tests or behind a proxy that shares one address.
    #[arg(long, env = "YORISOI_NEW_DEVICES_PER_MINUTE", default_value = "10")]
    pub new_devices_per_minute: String,

    /// Take the client address for rate limits from the last `X-Forwarded-For` entry.
    /// Only set this behind a reverse proxy that writes that header.
    #[arg(long, env = "YORISOI_TRUST_FORWARDED_FOR", default_value = "false", num_args = 0..=1, default_missing_value = "true")]
    pub trust_forwarded_for: String,

    /// Minutes a partner has to acknowledge an emergency case (1–1440).
    #[arg(long, env = "YORISOI_CASE_ACK_EMERGENCY_MINUTES", default_value = "15")]
    pub case_ack_emergency_minutes: String,

    /// Minutes a partner has to acknowledge an urgent case (1–10080; not less than for an emergency).
    #[arg(long, env = "YORISOI_CASE_ACK_URGENT_MINUTES", default_value = "240")]
    pub case_ack_urgent_minutes: String,

    /// Minutes a partner has to acknowledge a routine case (1–43200; not less than for an urgent one).
    #[arg(long, env = "YORISOI_CASE_ACK_ROUTINE_MINUTES", default_value = "4320")]
    pub case_ack_routine_minutes: String,

    /// Minutes an emergency case may wait for a second staff member's confirmation (1–120).
    #[arg(long, env = "YORISOI_CASE_CONFIRM_MINUTES", default_value = "5")]
    pub case_confirm_minutes: String,

    /// Milliseconds between looks at the webhook outbox when nothing was due (10–60000).
    #[arg(long, env = "YORISOI_WEBHOOK_POLL_MS", default_value = "1000")]
    pub webhook_poll_ms: String,

    /// Milliseconds before a failed webhook delivery is tried again; each further
    /// failure doubles the wait, up to ten minutes (10–600000). Tries never stop.
    #[arg(long, env = "YORISOI_WEBHOOK_RETRY_BASE_MS", default_value = "5000")]
    pub webhook_retry_base_ms: String,

    /// Log filter (tracing `EnvFilter` syntax, e.g. `info` or `yorisoi=debug`).
    #[arg(long, env = "YORISOI_LOG", default_value = "info")]
    pub log: String,

    /// Log format: `text` or `json`.
    #[arg(long, env = "YORISOI_LOG_FORMAT", default_value = "text")]
    pub log_format: String,

    /// Seed demonstration lines and one account per role (passwords printed at start).
    #[arg(long, env = "YORISOI_DEMO", default_value = "false", num_args = 0..=1, default_missing_value = "true")]
    pub demo: String,
}

/// A setting that failed validation: `Display` is the one line shown to the operator.
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// Environment variable of the setting.
    pub setting: &'static str,
    /// What was wrong and what is expected.
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.setting, self.problem)
    }
}

impl std::error::Error for ConfigError {}

fn invalid(setting: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        setting,
        problem: problem.into(),
    }
}

/// Where the data lives, chosen by the URL scheme.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file; its parent directory is created at start.
    Sqlite {
        /// The database file.
        path: PathBuf,
    },
    /// A PostgreSQL server; the URL is kept whole for sqlx.
    Postgres {
        /// The whole URL, credentials included.
        url: String,
    },
}

impl fmt::Debug for DatabaseUrl {
    // The PostgreSQL URL may hold a password: never print it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite { path } => write!(f, "sqlite://{}", path.display()),
            Self::Postgres { url } => write!(f, "{}", redact_password(url)),
        }
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

impl DatabaseUrl {
    /// Parses `sqlite://PATH`, `sqlite:PATH` or `postgres://…` / `postgresql://…`.
    pub fn parse(raw: &str) -> Result<Self, ConfigError> {
        const SETTING: &str = "YORISOI_DATABASE_URL";
        let raw = raw.trim();
        if let Some(rest) = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
        {
            // Query options (`?mode=…`) are ours to set; keep the path only.
            let path = rest.split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(invalid(
                    SETTING,
                    "sqlite URL has no file path (e.g. sqlite://data/yorisoi.db)",
                ));
            }
            if path == ":memory:" {
                return Err(invalid(
                    SETTING,
                    "an in-memory SQLite database would lose every message; give a file path",
                ));
            }
            return Ok(Self::Sqlite {
                path: PathBuf::from(path),
            });
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            if sqlx::postgres::PgConnectOptions::from_str(raw).is_err() {
                return Err(invalid(SETTING, "not a valid postgres:// URL"));
            }
            return Ok(Self::Postgres {
                url: raw.to_owned(),
            });
        }
        let scheme = raw.split_once("://").map_or(raw, |(scheme, _)| scheme);
        Err(invalid(
            SETTING,
            format!(
                "unsupported scheme {scheme:?}; expected sqlite://PATH or postgres://USER@HOST/DB"
            ),
        ))
    }
}

/// Validated database settings.
#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    /// Which engine and where.
    pub url: DatabaseUrl,
    /// Pool size.
    pub max_connections: u32,
}

impl DatabaseArgs {
    /// Validates the raw values.
    pub fn validate(&self) -> Result<DatabaseConfig, ConfigError> {
        Ok(DatabaseConfig {
            url: DatabaseUrl::parse(&self.database_url)?,
            max_connections: parse_in_range(
                "YORISOI_DB_MAX_CONNECTIONS",
                &self.db_max_connections,
                1,
                1000,
            )?,
        })
    }
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Validated settings of `yorisoi serve`.
#[derive(Debug, Clone)]
pub struct Config {
    /// Listen address.
    pub bind: SocketAddr,
    /// Database.
    pub database: DatabaseConfig,
    /// Redis URL when fan-out crosses nodes.
    pub redis_url: Option<RedisUrl>,
    /// Exact origins (`scheme://host[:port]`) allowed for state-changing requests and websockets.
    pub public_origins: Vec<String>,
    /// Whether `public_origins` was derived from the bind address (and must follow
    /// the real port when binding port 0).
    pub origins_from_bind: bool,
    /// Lifetime of a staff session.
    pub session_hours: u32,
    /// Grace before a disconnected counsellor's chats return to the queue.
    pub requeue_grace: std::time::Duration,
    /// New device tokens per client per minute.
    pub new_devices_per_minute: u32,
    /// When quiet teens are prompted and their chats end.
    pub teen_idle: crate::consultation::IdlePolicy,
    /// Moderation rules directory, if not the built-in rules.
    pub moderation_rules_dir: Option<PathBuf>,
    /// Deadlines of escalation cases.
    pub case_clocks: crate::escalation::clock::Clocks,
    /// Whether `X-Forwarded-For` is trusted for the rate-limit key.
    pub trust_forwarded_for: bool,
    /// How partner webhooks are delivered.
    pub webhooks: crate::webhooks::delivery::DeliveryConfig,
    /// Log filter.
    pub log: String,
    /// Log format.
    pub log_format: LogFormat,
    /// Seed demo data.
    pub demo: bool,
}

/// A Redis URL; `Debug` hides any password.
#[derive(Clone, PartialEq, Eq)]
pub struct RedisUrl(pub String);

impl fmt::Debug for RedisUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact_password(&self.0))
    }
}

impl ServeArgs {
    /// Validates every setting, stopping at the first bad one.
    pub fn validate(&self) -> Result<Config, ConfigError> {
        let bind: SocketAddr = self.bind.trim().parse().map_err(|_| {
            invalid(
                "YORISOI_BIND",
                format!(
                    "{:?} is not an address:port such as 127.0.0.1:8080",
                    self.bind
                ),
            )
        })?;
        let redis_url = match self.redis_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => {
                if !(raw.starts_with("redis://") || raw.starts_with("rediss://")) {
                    return Err(invalid(
                        "YORISOI_REDIS_URL",
                        "expected redis://HOST:PORT (or rediss:// for TLS)",
                    ));
                }
                redis::Client::open(raw).map_err(|e| {
                    invalid("YORISOI_REDIS_URL", format!("not a valid Redis URL: {e}"))
                })?;
                Some(RedisUrl(raw.to_owned()))
            }
        };
        let origins_from_bind = matches!(
            self.public_origins.as_deref().map(str::trim),
            None | Some("")
        );
        let public_origins = match self.public_origins.as_deref().map(str::trim) {
            None | Some("") => default_origins(bind),
            Some(list) => list
                .split(',')
                .map(|origin| parse_origin(origin.trim()))
                .collect::<Result<Vec<_>, _>>()?,
        };
        let log_format = match self.log_format.trim() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(invalid(
                    "YORISOI_LOG_FORMAT",
                    format!("{other:?}; expected text or json"),
                ))
            }
        };
        tracing_subscriber::EnvFilter::try_new(&self.log)
            .map_err(|e| invalid("YORISOI_LOG", format!("not a log filter: {e}")))?;
        Ok(Config {
            bind,
            database: self.database.validate()?,
            redis_url,
            public_origins,
            origins_from_bind,
            session_hours: parse_in_range("YORISOI_SESSION_HOURS", &self.session_hours, 1, 168)?,
            requeue_grace: std::time::Duration::from_secs(u64::from(parse_in_range(
                "YORISOI_REQUEUE_GRACE_SECONDS",
                &self.requeue_grace_seconds,
                0,
                600,
            )?)),
            teen_idle: self.teen_idle()?,
            case_clocks: self.case_clocks()?,
            moderation_rules_dir: match &self.moderation_rules_dir {
                Some(dir) if !dir.is_dir() => {
                    return Err(invalid(
                        "YORISOI_MODERATION_RULES_DIR",
                        format!("{} is not a directory", dir.display()),
                    ))
                }
                other => other.clone(),
            },
            new_devices_per_minute: parse_in_range(
                "YORISOI_NEW_DEVICES_PER_MINUTE",
                &self.new_devices_per_minute,
                1,
                100_000,
            )?,
            trust_forwarded_for: parse_bool(
                "YORISOI_TRUST_FORWARDED_FOR",
                &self.trust_forwarded_for,
            )?,
            webhooks: self.webhooks()?,
            log: self.log.clone(),
            log_format,
            demo: parse_bool("YORISOI_DEMO", &self.demo)?,
        })
    }
}

impl ServeArgs {
    fn case_clocks(&self) -> Result<crate::escalation::clock::Clocks, ConfigError> {
        let minutes = |setting, raw: &str, max| {
            parse_in_range(setting, raw, 1, max)
                .map(|m: u32| jiff::SignedDuration::from_mins(i64::from(m)))
        };
        let emergency = minutes(
            "YORISOI_CASE_ACK_EMERGENCY_MINUTES",
            &self.case_ack_emergency_minutes,
            1440,
        )?;
        let urgent = minutes(
            "YORISOI_CASE_ACK_URGENT_MINUTES",
            &self.case_ack_urgent_minutes,
            10_080,
        )?;
        let routine = minutes(
            "YORISOI_CASE_ACK_ROUTINE_MINUTES",
            &self.case_ack_routine_minutes,
            43_200,
        )?;
        if urgent < emergency {
            return Err(invalid(
                "YORISOI_CASE_ACK_URGENT_MINUTES",
                "must not be less than YORISOI_CASE_ACK_EMERGENCY_MINUTES",
            ));
        }
        if routine < urgent {
            return Err(invalid(
                "YORISOI_CASE_ACK_ROUTINE_MINUTES",
                "must not be less than YORISOI_CASE_ACK_URGENT_MINUTES",
            ));
        }
        Ok(crate::escalation::clock::Clocks {
            emergency,
            urgent,
            routine,
            confirm: minutes(
                "YORISOI_CASE_CONFIRM_MINUTES",
                &self.case_confirm_minutes,
                120,
            )?,
        })
    }

    fn webhooks(&self) -> Result<crate::webhooks::delivery::DeliveryConfig, ConfigError> {
        let millis = |setting, raw, min, max| {
            parse_in_range(setting, raw, min, max)
                .map(|ms| std::time::Duration::from_millis(u64::from(ms)))
        };
        Ok(crate::webhooks::delivery::DeliveryConfig {
            poll_interval: millis("YORISOI_WEBHOOK_POLL_MS", &self.webhook_poll_ms, 10, 60_000)?,
            retry_base: millis(
                "YORISOI_WEBHOOK_RETRY_BASE_MS",
                &self.webhook_retry_base_ms,
                10,
                600_000,
            )?,
            ..crate::webhooks::delivery::DeliveryConfig::default()
        })
    }

    fn teen_idle(&self) -> Result<crate::consultation::IdlePolicy, ConfigError> {
        let prompt = parse_in_range(
            "YORISOI_TEEN_IDLE_PROMPT_SECONDS",
            &self.teen_idle_prompt_seconds,
            10,
            86_400,
        )?;
        let end = parse_in_range(
            "YORISOI_TEEN_IDLE_END_SECONDS",
            &self.teen_idle_end_seconds,
            11,
            86_400,
        )?;
        if end <= prompt {
            return Err(invalid(
                "YORISOI_TEEN_IDLE_END_SECONDS",
                format!("{end} must be more than YORISOI_TEEN_IDLE_PROMPT_SECONDS ({prompt})"),
            ));
        }
        Ok(crate::consultation::IdlePolicy {
            prompt_after: jiff::SignedDuration::from_secs(i64::from(prompt)),
            end_after: jiff::SignedDuration::from_secs(i64::from(end)),
        })
    }
}

/// The origins a local trial is reached at: the bind address and its localhost twin.
pub fn default_origins(bind: SocketAddr) -> Vec<String> {
    let port = bind.port();
    let mut origins = vec![format!("http://{bind}")];
    if bind.ip().is_loopback() || bind.ip().is_unspecified() {
        origins.push(format!("http://localhost:{port}"));
        origins.push(format!("http://127.0.0.1:{port}"));
    }
    origins.dedup();
    origins
}

fn parse_origin(raw: &str) -> Result<String, ConfigError> {
    const SETTING: &str = "YORISOI_PUBLIC_ORIGINS";
    let Some((scheme, host)) = raw.split_once("://") else {
        return Err(invalid(
            SETTING,
            format!("{raw:?} is not an origin such as https://yorisoi.example.jp"),
        ));
    };
    if !matches!(scheme, "http" | "https") || host.is_empty() || host.contains('/') {
        return Err(invalid(
            SETTING,
            format!("{raw:?} is not an origin such as https://yorisoi.example.jp (no path)"),
        ));
    }
    Ok(raw.to_ascii_lowercase())
}

fn parse_in_range(
    setting: &'static str,
    raw: &str,
    min: u32,
    max: u32,
) -> Result<u32, ConfigError> {
    match raw.trim().parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(invalid(
            setting,
            format!("{raw:?}; expected a whole number from {min} to {max}"),
        )),
    }
}

fn parse_bool(setting: &'static str, raw: &str) -> Result<bool, ConfigError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" | "" => Ok(false),
        _ => Err(invalid(setting, format!("{raw:?}; expected true or false"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_url_schemes() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/y.db"),
            Ok(DatabaseUrl::Sqlite {
                path: "data/y.db".into()
            })
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://postgres@127.0.0.1/yorisoi"),
            Ok(DatabaseUrl::Postgres { .. })
        ));
        let err = DatabaseUrl::parse("mysql://root@localhost/db").expect_err("mysql is refused");
        assert_eq!(err.setting, "YORISOI_DATABASE_URL");
        assert!(
            err.to_string().contains("unsupported scheme \"mysql\""),
            "{err}"
        );
        assert!(DatabaseUrl::parse("sqlite://").is_err());
        assert!(DatabaseUrl::parse("sqlite://:memory:").is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        let url = DatabaseUrl::parse("postgres://app:s3cret@db:5432/yorisoi").expect("valid");
        assert_eq!(format!("{url:?}"), "postgres://app:***@db:5432/yorisoi");
        assert_eq!(
            format!("{:?}", RedisUrl("redis://:pw@r:6379".into())),
            "redis://:***@r:6379"
        );
    }

    #[test]
    fn origins_are_exact() {
        assert_eq!(
            parse_origin("https://Yorisoi.example.jp"),
            Ok("https://yorisoi.example.jp".into())
        );
        assert!(parse_origin("https://yorisoi.example.jp/path").is_err());
        assert!(parse_origin("yorisoi.example.jp").is_err());
        assert!(default_origins("127.0.0.1:8080".parse().expect("addr"))
            .contains(&"http://localhost:8080".to_string()));
    }

    #[test]
    fn numbers_and_flags_name_their_setting() {
        assert_eq!(
            parse_in_range("YORISOI_SESSION_HOURS", "0", 1, 168)
                .expect_err("0")
                .setting,
            "YORISOI_SESSION_HOURS"
        );
        assert!(parse_in_range("X", "abc", 1, 2).is_err());
        assert_eq!(parse_bool("YORISOI_DEMO", "yes"), Ok(true));
        assert!(parse_bool("YORISOI_DEMO", "maybe").is_err());
    }

    #[test]
    fn webhook_pacing_is_validated_and_named() {
        #[derive(clap::Parser)]
        struct Serve {
            #[command(flatten)]
            args: ServeArgs,
        }
        let parse = |extra: &[&str]| {
            let mut argv = vec!["yorisoi"];
            argv.extend_from_slice(extra);
            <Serve as clap::Parser>::try_parse_from(argv)
                .expect("flags parse")
                .args
                .validate()
        };
        let config = parse(&[]).expect("defaults are valid");
        assert_eq!(
            config.webhooks.poll_interval,
            std::time::Duration::from_secs(1)
        );
        assert_eq!(
            config.webhooks.retry_base,
            std::time::Duration::from_secs(5)
        );
        let fast =
            parse(&["--webhook-poll-ms", "50", "--webhook-retry-base-ms", "20"]).expect("valid");
        assert_eq!(
            fast.webhooks.retry_base,
            std::time::Duration::from_millis(20)
        );
        let error = parse(&["--webhook-poll-ms", "5"]).expect_err("too often");
        assert_eq!(error.setting, "YORISOI_WEBHOOK_POLL_MS");
        let error = parse(&["--webhook-retry-base-ms", "forever"]).expect_err("not a number");
        assert_eq!(error.setting, "YORISOI_WEBHOOK_RETRY_BASE_MS");
    }
}
