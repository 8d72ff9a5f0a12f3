//! The persistence boundary. Every read and write of the system goes through
//! [`Store`]; the engine is picked from the URL scheme at start-up.
//!
//! - [`sql`]: the one body of SQL shared by both engines (a macro instantiated
//!   for each pool type: the statements are the same, the drivers differ).
//! - [`sqlite`], [`postgres`]: connection set-up and migrations per engine.
//!
//! Timestamps are stored as UTC milliseconds since the Unix epoch (`BIGINT`) in
//! both engines, so the two schemas stay identical and no driver converts zones.

pub mod postgres;
mod sql;
pub mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;
use jiff::Timestamp;
use uuid::Uuid;

use crate::audit::AuditEntry;
use crate::config::{DatabaseConfig, DatabaseUrl};
use crate::lines::Line;
use crate::staff::session::StaffSession;
use crate::staff::{Account, Organisation};
use crate::text::Slug;

/// What can go wrong at the persistence boundary.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique value (username, name) is already taken.
    #[error("already exists")]
    Conflict,
    /// A referenced row (an organisation, an account) does not exist.
    #[error("refers to something that does not exist")]
    MissingReference,
    /// The database schema was written by a newer yorisoi.
    #[error("the database schema (version {found}) is newer than this yorisoi understands (up to {known}); run a newer yorisoi")]
    SchemaTooNew {
        /// Highest version found in the database.
        found: i64,
        /// Highest version this binary carries.
        known: i64,
    },
    /// A stored value could not be read back (hand-edited row, bad JSON).
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    /// The database did not answer or failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// Migrations failed.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Result alias for store operations.
pub type StoreResult<T> = Result<T, StoreError>;

/// Changes to an account written together with their audit entry.
#[derive(Debug, Clone)]
pub struct AccountUpdate {
    /// The account as it should be stored.
    pub account: Account,
    /// A new password hash, if the password changes.
    pub password_hash: Option<String>,
    /// End every session of the account (sign-out everywhere).
    pub end_sessions: bool,
}

/// Everything the system stores. One implementation per engine; both pass the
/// conformance suite in `tests/`.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Applies pending migrations under the engine's lock; refuses a newer schema.
    async fn migrate(&self) -> StoreResult<()>;
    /// Answers when the database does.
    async fn ping(&self) -> StoreResult<()>;

    /// Registers a partner organisation.
    async fn insert_organisation(
        &self,
        organisation: &Organisation,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// All organisations by name.
    async fn organisations(&self) -> StoreResult<Vec<Organisation>>;

    /// Creates an account; `Conflict` if the username is taken.
    async fn insert_account(
        &self,
        account: &Account,
        password_hash: &str,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// One account by id.
    async fn account(&self, id: Uuid) -> StoreResult<Option<Account>>;
    /// An account and its password hash, by username.
    async fn account_credentials(&self, username: &str) -> StoreResult<Option<(Account, String)>>;
    /// All accounts by username.
    async fn accounts(&self) -> StoreResult<Vec<Account>>;
    /// Writes an account change, ends its sessions when asked, and appends the audit entry, atomically.
    async fn update_account(&self, update: &AccountUpdate, audit: &AuditEntry) -> StoreResult<()>;
    /// Number of enabled administrators.
    async fn active_admin_count(&self) -> StoreResult<i64>;

    /// Stores a new session.
    async fn insert_session(&self, session: &StaffSession) -> StoreResult<()>;
    /// A live session (not expired, account enabled) and its account.
    async fn session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<(StaffSession, Account)>>;
    /// Ends one session.
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    /// Removes expired sessions; returns how many.
    async fn delete_expired_sessions(&self, now: Timestamp) -> StoreResult<u64>;

    /// Creates or replaces a line, with its audit entry.
    async fn upsert_line(&self, line: &Line, audit: &AuditEntry) -> StoreResult<()>;
    /// All lines in display order.
    async fn lines(&self) -> StoreResult<Vec<Line>>;
    /// One line.
    async fn line(&self, id: &Slug) -> StoreResult<Option<Line>>;
    /// Deletes a line with its audit entry; `false` if there was none.
    async fn delete_line(&self, id: &Slug, audit: &AuditEntry) -> StoreResult<bool>;

    /// The newest audit entries first.
    async fn audit_entries(&self, limit: i64) -> StoreResult<Vec<AuditEntry>>;
}

/// Connects to the configured database (creating an SQLite file and its
/// directory if needed). Does not migrate.
pub async fn connect(config: &DatabaseConfig) -> StoreResult<Arc<dyn Store>> {
    Ok(match &config.url {
        DatabaseUrl::Sqlite { path } => {
            Arc::new(sqlite::SqliteStore::connect(path, config.max_connections).await?)
        }
        DatabaseUrl::Postgres { url } => {
            Arc::new(postgres::PgStore::connect(url, config.max_connections).await?)
        }
    })
}

/// Runs a migrator, turning "the database knows a migration we do not" into
/// [`StoreError::SchemaTooNew`].
async fn run_migrator<'a, A>(migrator: &sqlx::migrate::Migrator, pool: A) -> StoreResult<()>
where
    A: sqlx::Acquire<'a>,
    <A::Connection as std::ops::Deref>::Target: sqlx::migrate::Migrate,
{
    let known = migrator.iter().map(|m| m.version).max().unwrap_or(0);
    match migrator.run(pool).await {
        Err(sqlx::migrate::MigrateError::VersionMissing(found)) => {
            Err(StoreError::SchemaTooNew { found, known })
        }
        other => Ok(other?),
    }
}

fn to_millis(at: Timestamp) -> i64 {
    at.as_millisecond()
}

fn from_millis(ms: i64) -> StoreResult<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|e| StoreError::Corrupt(format!("timestamp {ms}: {e}")))
}

/// Maps driver errors that mean "bad request" rather than "broken database".
fn classify(error: sqlx::Error) -> StoreError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict,
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::MissingReference,
        _ => StoreError::Database(error),
    }
}
