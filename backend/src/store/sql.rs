//! The SQL both engines share. SQLite accepts PostgreSQL's `$1` placeholders and
//! the same `ON CONFLICT`, so one body of statements serves both; the macro
//! instantiates it for each pool type. Engine-specific statements, when they
//! come, live in the engine's own module.

use jiff::Timestamp;
use uuid::Uuid;

use super::{from_millis, StoreError, StoreResult};
use crate::audit::AuditEntry;
use crate::lines::Line;
use crate::staff::session::StaffSession;
use crate::staff::{Account, HelpKind, Organisation, OrganisationKind, Role};
use crate::text::Slug;

/// Columns of `staff_accounts` read back, in this order, by every account query.
pub(super) const ACCOUNT_COLUMNS: &str =
    "a.id, a.username, a.display_name, a.role, a.organisation_id, a.disabled, a.created_at";

#[derive(sqlx::FromRow)]
pub(super) struct AccountRow {
    id: Uuid,
    username: String,
    display_name: String,
    role: String,
    organisation_id: Option<Uuid>,
    disabled: bool,
    created_at: i64,
}

impl TryFrom<AccountRow> for Account {
    type Error = StoreError;
    fn try_from(row: AccountRow) -> StoreResult<Self> {
        Ok(Account {
            id: row.id,
            username: Slug::parse("username", &row.username, 1, 64)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            display_name: row.display_name,
            role: Role::parse(&row.role)
                .ok_or_else(|| StoreError::Corrupt(format!("role {:?}", row.role)))?,
            organisation_id: row.organisation_id,
            disabled: row.disabled,
            created_at: from_millis(row.created_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct CredentialRow {
    #[sqlx(flatten)]
    account: AccountRow,
    password_hash: String,
}

impl CredentialRow {
    pub(super) fn into_pair(self) -> StoreResult<(Account, String)> {
        Ok((self.account.try_into()?, self.password_hash))
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct SessionRow {
    #[sqlx(flatten)]
    account: AccountRow,
    token_hash: String,
    csrf_token: String,
    session_created_at: i64,
    expires_at: i64,
}

impl SessionRow {
    pub(super) fn into_pair(self) -> StoreResult<(StaffSession, Account)> {
        let account: Account = self.account.try_into()?;
        Ok((
            StaffSession {
                token_hash: self.token_hash,
                account_id: account.id,
                csrf_token: self.csrf_token,
                created_at: from_millis(self.session_created_at)?,
                expires_at: from_millis(self.expires_at)?,
            },
            account,
        ))
    }
}

/// Columns of `organisations` read back, in this order.
pub(super) const ORGANISATION_COLUMNS: &str =
    "id, name, kind, municipalities, help_kinds, contact_hours, on_call_note, created_at";

#[derive(sqlx::FromRow)]
pub(super) struct OrganisationRow {
    id: Uuid,
    name: String,
    kind: String,
    municipalities: String,
    help_kinds: String,
    contact_hours: String,
    on_call_note: String,
    created_at: i64,
}

/// The directory's lists are stored as JSON arrays of strings (same in both engines).
pub(super) fn organisation_lists(organisation: &Organisation) -> (String, String) {
    let kinds: Vec<&str> = organisation.help_kinds.iter().map(|k| k.as_str()).collect();
    (
        serde_json::Value::from(organisation.municipalities.clone()).to_string(),
        serde_json::Value::from(kinds).to_string(),
    )
}

impl TryFrom<OrganisationRow> for Organisation {
    type Error = StoreError;
    fn try_from(row: OrganisationRow) -> StoreResult<Self> {
        Ok(Organisation {
            id: row.id,
            name: row.name,
            kind: OrganisationKind::parse(&row.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("organisation kind {:?}", row.kind)))?,
            municipalities: serde_json::from_str(&row.municipalities)
                .map_err(|e| StoreError::Corrupt(format!("organisation municipalities: {e}")))?,
            help_kinds: serde_json::from_str::<Vec<String>>(&row.help_kinds)
                .map_err(|e| StoreError::Corrupt(format!("organisation help kinds: {e}")))?
                .iter()
                .map(|raw| {
                    HelpKind::parse(raw)
                        .ok_or_else(|| StoreError::Corrupt(format!("help kind {raw:?}")))
                })
                .collect::<StoreResult<_>>()?,
            contact_hours: row.contact_hours,
            on_call_note: row.on_call_note,
            created_at: from_millis(row.created_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct LineRow {
    id: String,
    sort_order: i32,
    name_ja: String,
    name_en: String,
    description_ja: String,
    description_en: String,
    schedule: String,
    auto_assign: bool,
    updated_at: i64,
}

impl TryFrom<LineRow> for Line {
    type Error = StoreError;
    fn try_from(row: LineRow) -> StoreResult<Self> {
        Ok(Line {
            id: Slug::parse("id", &row.id, 1, 64)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            sort_order: row.sort_order,
            name_ja: row.name_ja,
            name_en: row.name_en,
            description_ja: row.description_ja,
            description_en: row.description_en,
            schedule: serde_json::from_str(&row.schedule)
                .map_err(|e| StoreError::Corrupt(format!("schedule of line {}: {e}", row.id)))?,
            auto_assign: row.auto_assign,
            updated_at: from_millis(row.updated_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct AuditRow {
    at: i64,
    actor_id: Option<Uuid>,
    action: String,
    subject: String,
    detail: String,
}

impl TryFrom<AuditRow> for AuditEntry {
    type Error = StoreError;
    fn try_from(row: AuditRow) -> StoreResult<Self> {
        Ok(AuditEntry {
            at: from_millis(row.at)?,
            actor_id: row.actor_id,
            action: row.action,
            subject: row.subject,
            detail: serde_json::from_str(&row.detail)
                .map_err(|e| StoreError::Corrupt(format!("audit detail: {e}")))?,
        })
    }
}

pub(super) fn schedule_json(line: &Line) -> StoreResult<String> {
    serde_json::to_string(&line.schedule).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub(super) fn millis(at: Timestamp) -> i64 {
    super::to_millis(at)
}

/// Implements [`super::Store`] for a struct with a `pool` field of any sqlx pool
/// type whose engine accepts the shared statements, and a `run_migrations` method.
macro_rules! impl_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            async fn migrate(&self) -> $crate::store::StoreResult<()> {
                self.run_migrations().await
            }

            async fn ping(&self) -> $crate::store::StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn insert_organisation(
                &self,
                organisation: &$crate::staff::Organisation,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::sql::millis;
                let (municipalities, help_kinds) = $crate::store::sql::organisation_lists(organisation);
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO organisations \
                     (id, name, kind, municipalities, help_kinds, contact_hours, on_call_note, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(organisation.id)
                .bind(&organisation.name)
                .bind(organisation.kind.as_str())
                .bind(municipalities)
                .bind(help_kinds)
                .bind(&organisation.contact_hours)
                .bind(&organisation.on_call_note)
                .bind(millis(organisation.created_at))
                .execute(&mut *tx)
                .await
                .map_err($crate::store::classify)?;
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn organisations(&self) -> $crate::store::StoreResult<Vec<$crate::staff::Organisation>> {
                let rows: Vec<$crate::store::sql::OrganisationRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM organisations ORDER BY name",
                    $crate::store::sql::ORGANISATION_COLUMNS
                ))
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn organisation(
                &self,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::staff::Organisation>> {
                let row: Option<$crate::store::sql::OrganisationRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM organisations WHERE id = $1",
                    $crate::store::sql::ORGANISATION_COLUMNS
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn update_organisation(
                &self,
                organisation: &$crate::staff::Organisation,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                let (municipalities, help_kinds) = $crate::store::sql::organisation_lists(organisation);
                let mut tx = self.begin_write().await?;
                let updated = sqlx::query(
                    "UPDATE organisations SET name = $1, kind = $2, municipalities = $3, help_kinds = $4, \
                     contact_hours = $5, on_call_note = $6 WHERE id = $7",
                )
                .bind(&organisation.name)
                .bind(organisation.kind.as_str())
                .bind(municipalities)
                .bind(help_kinds)
                .bind(&organisation.contact_hours)
                .bind(&organisation.on_call_note)
                .bind(organisation.id)
                .execute(&mut *tx)
                .await
                .map_err($crate::store::classify)?
                .rows_affected();
                if updated == 0 {
                    return Ok(false);
                }
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn insert_account(
                &self,
                account: &$crate::staff::Account,
                password_hash: &str,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::sql::millis;
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO staff_accounts \
                     (id, username, display_name, role, organisation_id, disabled, password_hash, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(account.id)
                .bind(account.username.as_str())
                .bind(&account.display_name)
                .bind(account.role.as_str())
                .bind(account.organisation_id)
                .bind(account.disabled)
                .bind(password_hash)
                .bind(millis(account.created_at))
                .bind(millis(account.created_at))
                .execute(&mut *tx)
                .await
                .map_err($crate::store::classify)?;
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn account(&self, id: uuid::Uuid) -> $crate::store::StoreResult<Option<$crate::staff::Account>> {
                let sql = format!("SELECT {} FROM staff_accounts a WHERE a.id = $1", $crate::store::sql::ACCOUNT_COLUMNS);
                let row: Option<$crate::store::sql::AccountRow> =
                    sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn account_credentials(
                &self,
                username: &str,
            ) -> $crate::store::StoreResult<Option<($crate::staff::Account, String)>> {
                let sql = format!(
                    "SELECT {}, a.password_hash FROM staff_accounts a WHERE a.username = $1",
                    $crate::store::sql::ACCOUNT_COLUMNS
                );
                let row: Option<$crate::store::sql::CredentialRow> =
                    sqlx::query_as(&sql).bind(username).fetch_optional(&self.pool).await?;
                row.map(|row| row.into_pair()).transpose()
            }

            async fn accounts(&self) -> $crate::store::StoreResult<Vec<$crate::staff::Account>> {
                let sql = format!(
                    "SELECT {} FROM staff_accounts a ORDER BY a.username",
                    $crate::store::sql::ACCOUNT_COLUMNS
                );
                let rows: Vec<$crate::store::sql::AccountRow> = sqlx::query_as(&sql).fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn update_account(
                &self,
                update: &$crate::store::AccountUpdate,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::sql::millis;
                let account = &update.account;
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "UPDATE staff_accounts SET display_name = $1, role = $2, organisation_id = $3, disabled = $4, \
                     password_hash = COALESCE($5, password_hash), updated_at = $6 WHERE id = $7",
                )
                .bind(&account.display_name)
                .bind(account.role.as_str())
                .bind(account.organisation_id)
                .bind(account.disabled)
                .bind(update.password_hash.as_deref())
                .bind(millis(audit.at))
                .bind(account.id)
                .execute(&mut *tx)
                .await
                .map_err($crate::store::classify)?;
                if update.end_sessions {
                    sqlx::query("DELETE FROM staff_sessions WHERE account_id = $1")
                        .bind(account.id)
                        .execute(&mut *tx)
                        .await?;
                }
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn active_admin_count(&self) -> $crate::store::StoreResult<i64> {
                let (count,): (i64,) =
                    sqlx::query_as("SELECT COUNT(*) FROM staff_accounts WHERE role = 'admin' AND NOT disabled")
                        .fetch_one(&self.pool)
                        .await?;
                Ok(count)
            }

            async fn insert_session(
                &self,
                session: &$crate::staff::session::StaffSession,
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::sql::millis;
                sqlx::query(
                    "INSERT INTO staff_sessions (token_hash, account_id, csrf_token, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&session.token_hash)
                .bind(session.account_id)
                .bind(&session.csrf_token)
                .bind(millis(session.created_at))
                .bind(millis(session.expires_at))
                .execute(&self.pool)
                .await
                .map_err($crate::store::classify)?;
                Ok(())
            }

            async fn session(
                &self,
                token_hash: &str,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<Option<($crate::staff::session::StaffSession, $crate::staff::Account)>> {
                let sql = format!(
                    "SELECT {}, s.token_hash, s.csrf_token, s.created_at AS session_created_at, s.expires_at \
                     FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id \
                     WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT a.disabled",
                    $crate::store::sql::ACCOUNT_COLUMNS
                );
                let row: Option<$crate::store::sql::SessionRow> = sqlx::query_as(&sql)
                    .bind(token_hash)
                    .bind($crate::store::sql::millis(now))
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|row| row.into_pair()).transpose()
            }

            async fn delete_session(&self, token_hash: &str) -> $crate::store::StoreResult<()> {
                sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn delete_expired_sessions(&self, now: jiff::Timestamp) -> $crate::store::StoreResult<u64> {
                let done = sqlx::query("DELETE FROM staff_sessions WHERE expires_at <= $1")
                    .bind($crate::store::sql::millis(now))
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn upsert_line(
                &self,
                line: &$crate::lines::Line,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::sql::millis;
                let schedule = $crate::store::sql::schedule_json(line)?;
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO lines (id, sort_order, name_ja, name_en, description_ja, description_en, schedule, \
                     created_at, updated_at, auto_assign) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) \
                     ON CONFLICT (id) DO UPDATE SET sort_order = excluded.sort_order, name_ja = excluded.name_ja, \
                     name_en = excluded.name_en, description_ja = excluded.description_ja, \
                     description_en = excluded.description_en, schedule = excluded.schedule, \
                     updated_at = excluded.updated_at, auto_assign = excluded.auto_assign",
                )
                .bind(line.id.as_str())
                .bind(line.sort_order)
                .bind(&line.name_ja)
                .bind(&line.name_en)
                .bind(&line.description_ja)
                .bind(&line.description_en)
                .bind(schedule)
                .bind(millis(line.updated_at))
                .bind(line.auto_assign)
                .execute(&mut *tx)
                .await
                .map_err($crate::store::classify)?;
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn lines(&self) -> $crate::store::StoreResult<Vec<$crate::lines::Line>> {
                let rows: Vec<$crate::store::sql::LineRow> = sqlx::query_as(
                    "SELECT id, sort_order, name_ja, name_en, description_ja, description_en, schedule, auto_assign, updated_at \
                     FROM lines ORDER BY sort_order, id",
                )
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn line(&self, id: &$crate::text::Slug) -> $crate::store::StoreResult<Option<$crate::lines::Line>> {
                let row: Option<$crate::store::sql::LineRow> = sqlx::query_as(
                    "SELECT id, sort_order, name_ja, name_en, description_ja, description_en, schedule, auto_assign, updated_at \
                     FROM lines WHERE id = $1",
                )
                .bind(id.as_str())
                .fetch_optional(&self.pool)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn delete_line(
                &self,
                id: &$crate::text::Slug,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query("DELETE FROM lines WHERE id = $1").bind(id.as_str()).execute(&mut *tx).await?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn append_audit(&self, entry: &$crate::audit::AuditEntry) -> $crate::store::StoreResult<()> {
                let mut tx = self.begin_write().await?;
                append_audit(&mut tx, entry).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn audit_entries(&self, limit: i64) -> $crate::store::StoreResult<Vec<$crate::audit::AuditEntry>> {
                let rows: Vec<$crate::store::sql::AuditRow> = sqlx::query_as(
                    "SELECT at, actor_id, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }

        async fn append_audit(
            tx: &mut sqlx::Transaction<'_, <$store as $crate::store::sql::Engine>::Db>,
            entry: &$crate::audit::AuditEntry,
        ) -> $crate::store::StoreResult<()> {
            sqlx::query("INSERT INTO audit_log (at, actor_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5)")
                .bind($crate::store::sql::millis(entry.at))
                .bind(entry.actor_id)
                .bind(&entry.action)
                .bind(&entry.subject)
                .bind(entry.detail.to_string())
                .execute(&mut **tx)
                .await?;
            Ok(())
        }

        /// Ends a conditional change: when it touched no row, nothing is
        /// written (the transaction rolls back on drop) and the answer is
        /// `false`; otherwise the audit entry joins it and it commits.
        async fn commit_if_changed(
            mut tx: sqlx::Transaction<'_, <$store as $crate::store::sql::Engine>::Db>,
            rows_affected: u64,
            audit: &$crate::audit::AuditEntry,
        ) -> $crate::store::StoreResult<bool> {
            if rows_affected == 0 {
                return Ok(false);
            }
            append_audit(&mut tx, audit).await?;
            tx.commit().await?;
            Ok(true)
        }
    };
}

pub(super) use impl_store;

/// Names the sqlx database type behind a store, for the shared helpers' bounds.
pub(super) trait Engine {
    type Db: sqlx::Database;
}

impl Engine for super::sqlite::SqliteStore {
    type Db = sqlx::Sqlite;
}

impl Engine for super::postgres::PgStore {
    type Db = sqlx::Postgres;
}
