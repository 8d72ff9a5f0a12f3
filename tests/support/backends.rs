//! Which engines a suite runs against, and fresh instances of each.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use sqlx::Connection;
use yorisoi::bus::Bus;
use yorisoi::config::{DatabaseConfig, DatabaseUrl};
use yorisoi::store::Store;

/// Environment variable naming the PostgreSQL server for tests.
pub const POSTGRES_ENV: &str = "YORISOI_TEST_POSTGRES_URL";
/// Environment variable naming the Redis server for tests.
pub const REDIS_ENV: &str = "YORISOI_TEST_REDIS_URL";

/// A database engine under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// An SQLite file in a temporary directory.
    Sqlite,
    /// A fresh database on the configured PostgreSQL server.
    Postgres,
}

/// Says, once per test process and past the test harness's capture, that a
/// suite was skipped.
pub fn announce_skip(what: &str, variable: &str) {
    static SAID: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut said = SAID
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if said.iter().any(|s| s == what) {
        return;
    }
    said.push(what.to_owned());
    // Written to the raw stderr handle, which the test harness does not capture.
    let _ = writeln!(
        std::io::stderr().lock(),
        "\nSKIPPED: {what} suites did not run ({variable} is not set)\n"
    );
}

/// The PostgreSQL admin URL, if the PostgreSQL suites should run.
pub fn postgres_url() -> Option<String> {
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            announce_skip("PostgreSQL", POSTGRES_ENV);
            None
        }
    }
}

/// The Redis URL, if the Redis suites should run.
pub fn redis_url() -> Option<String> {
    match std::env::var(REDIS_ENV) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            announce_skip("Redis", REDIS_ENV);
            None
        }
    }
}

/// A database that exists for one test and is removed afterwards.
pub struct TestDatabase {
    /// The configuration to open it.
    pub config: DatabaseConfig,
    cleanup: Cleanup,
}

enum Cleanup {
    Directory(#[allow(dead_code)] tempdir::TempDir),
    Postgres {
        admin_url: String,
        name: String,
    },
    /// Owned by another handle.
    Nothing,
}

impl TestDatabase {
    /// A fresh, empty database of `engine`; `None` if that engine is not configured.
    pub async fn new(engine: Engine) -> Option<Self> {
        match engine {
            Engine::Sqlite => {
                let dir = tempdir::TempDir::new();
                let path = dir.path().join("yorisoi.db");
                Some(Self {
                    config: DatabaseConfig {
                        url: DatabaseUrl::Sqlite { path },
                        max_connections: 5,
                    },
                    cleanup: Cleanup::Directory(dir),
                })
            }
            Engine::Postgres => {
                let admin_url = postgres_url()?;
                let name = format!("yorisoi_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = sqlx::PgConnection::connect(&admin_url)
                    .await
                    .unwrap_or_else(|e| {
                        panic!("{POSTGRES_ENV} is set but PostgreSQL does not answer: {e}")
                    });
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .await
                    .expect("create test database");
                let url = with_database(&admin_url, &name);
                Some(Self {
                    config: DatabaseConfig {
                        url: DatabaseUrl::Postgres { url },
                        max_connections: 5,
                    },
                    cleanup: Cleanup::Postgres { admin_url, name },
                })
            }
        }
    }

    /// Another handle on an existing database, which it leaves in place when dropped.
    pub fn borrowed(config: DatabaseConfig) -> Self {
        Self {
            config,
            cleanup: Cleanup::Nothing,
        }
    }

    /// The database URL as the server's `YORISOI_DATABASE_URL` would give it.
    pub fn url(&self) -> String {
        match &self.config.url {
            DatabaseUrl::Sqlite { path } => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres { url } => url.clone(),
        }
    }

    /// Connects and migrates.
    pub async fn store(&self) -> Arc<dyn Store> {
        let store = yorisoi::store::connect(&self.config)
            .await
            .expect("connect");
        store.migrate().await.expect("migrate");
        store
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs outside async context; a short-lived thread and runtime do the cleanup.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                runtime.block_on(async {
                    let mut admin = sqlx::PgConnection::connect(&admin_url).await.ok()?;
                    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut admin)
                        .await
                        .ok()
                })
            })
            .join();
        }
    }
}

/// Replaces the database name in a PostgreSQL URL.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

/// A bus under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BusKind {
    /// In-process.
    Local,
    /// Redis pub/sub.
    Redis,
}

/// A connected bus of `kind`; `None` if Redis is not configured.
pub async fn bus(kind: BusKind) -> Option<Arc<dyn Bus>> {
    let url = match kind {
        BusKind::Local => None,
        BusKind::Redis => Some(redis_url()?),
    };
    Some(
        yorisoi::bus::connect(url.as_deref())
            .await
            .unwrap_or_else(|e| panic!("{REDIS_ENV} is set but Redis does not answer: {e}")),
    )
}

/// A temporary directory removed on drop (kept tiny to avoid another dependency).
pub mod tempdir {
    use super::PathBuf;

    /// The directory.
    pub struct TempDir(PathBuf);

    impl TempDir {
        /// Creates a unique directory under the system temp dir.
        pub fn new() -> Self {
            let path = std::env::temp_dir()
                .join(format!("yorisoi-test-{}", uuid::Uuid::new_v4().simple()));
            std::fs::create_dir_all(&path).expect("create temp dir");
            Self(path)
        }

        /// Its path.
        pub fn path(&self) -> &std::path::Path {
            &self.0
        }
    }

    impl Default for TempDir {
        fn default() -> Self {
            Self::new()
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
