//! Shared test support: real servers on port 0, fresh databases per test, and
//! the external services (PostgreSQL, Redis) taken from the environment.
//!
//! - `YORISOI_TEST_POSTGRES_URL` (e.g. `postgres://postgres@127.0.0.1:5432/postgres`):
//!   when set, PostgreSQL suites run, each test in a database of its own, and a
//!   server that does not answer fails the test. When unset, they are skipped
//!   and say so on standard error.
//! - `YORISOI_TEST_REDIS_URL` (e.g. `redis://127.0.0.1:6379`): the same for Redis.
#![allow(clippy::unwrap_used)]

pub mod backends;
pub mod escalation;
pub mod salon;
pub mod server;
pub mod ws;

/// Declares, for each story `async fn story(server: TestServer)`, one test on
/// SQLite and one on PostgreSQL (skipped when PostgreSQL is not configured).
#[macro_export]
macro_rules! on_every_engine {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $story() {
                    if let Some(server) = $crate::server::TestServer::start($crate::backends::Engine::Sqlite).await {
                        super::$story(server).await;
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $story() {
                    if let Some(server) = $crate::server::TestServer::start($crate::backends::Engine::Postgres).await {
                        super::$story(server).await;
                    }
                }
            )*
        }
    };
}
