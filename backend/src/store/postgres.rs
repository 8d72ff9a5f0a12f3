//! PostgreSQL: the scaled-out deployment, shared by every node.

use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

use super::StoreResult;

/// The PostgreSQL store.
pub struct PgStore {
    pool: PgPool,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl PgStore {
    /// Connects a pool to `url`.
    pub async fn connect(url: &str, max_connections: u32) -> StoreResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(std::time::Duration::from_secs(5))
            .connect(url)
            .await?;
        Ok(Self { pool })
    }

    /// A write transaction (PostgreSQL locks rows as statements reach them).
    async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Postgres>> {
        self.pool.begin().await
    }

    async fn run_migrations(&self) -> StoreResult<()> {
        // sqlx holds a PostgreSQL advisory lock while migrating, so nodes that
        // start together apply each migration exactly once.
        super::run_migrator(&MIGRATOR, &self.pool).await
    }
}

super::sql::impl_store!(PgStore);
super::conversation_sql::impl_conversation_store!(PgStore);
super::salon_sql::impl_salon_store!(PgStore);
super::assignment_sql::impl_assignment_store!(PgStore);
super::escalation_sql::impl_escalation_store!(PgStore);
super::webhook_sql::impl_webhook_store!(PgStore);
