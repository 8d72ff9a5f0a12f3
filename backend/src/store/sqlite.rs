//! SQLite: the embedded default. One file under `./data/`, WAL journal so
//! readers do not wait for the writer.

use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use super::StoreResult;

/// The SQLite store.
pub struct SqliteStore {
    pool: SqlitePool,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

impl SqliteStore {
    /// Opens (creating if missing) the database file at `path`.
    pub async fn connect(path: &Path, max_connections: u32) -> StoreResult<Self> {
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a commit is on disk before we acknowledge it, even if the
            // machine loses power (NORMAL would survive only a process crash).
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// A write transaction that takes SQLite's write lock at once (`BEGIN
    /// IMMEDIATE`). A deferred one that reads and then writes fails with
    /// `SQLITE_BUSY_SNAPSHOT` whenever another connection committed in between,
    /// which the busy timeout cannot wait out; this one waits its turn instead.
    async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }

    async fn run_migrations(&self) -> StoreResult<()> {
        super::run_migrator(&MIGRATOR, &self.pool).await
    }
}

super::sql::impl_store!(SqliteStore);
super::conversation_sql::impl_conversation_store!(SqliteStore);
super::salon_sql::impl_salon_store!(SqliteStore);
super::assignment_sql::impl_assignment_store!(SqliteStore);
super::escalation_sql::impl_escalation_store!(SqliteStore);
super::webhook_sql::impl_webhook_store!(SqliteStore);
