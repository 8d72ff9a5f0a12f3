//! Websocket sessions: one task per connection, a bounded outbox, heartbeats,
//! and every frame authorised on its own.
//!
//! - [`connection`]: the reader/writer loop shared by every kind of client.
//! - [`follow`]: exactly-once, in-order delivery of conversation messages.
//! - [`teen`]: a teen's device (token in the first frame, never in the URL).
//! - [`staff`]: a counsellor's or supervisor's console (session cookie).

pub mod connection;
pub mod follow;
pub mod moderator;
pub mod salon;
pub mod staff;
pub mod teen;

use std::collections::HashMap;
use std::sync::Mutex;

use uuid::Uuid;

use crate::consultation::ConsultationError;

/// Staff consoles connected to this node, by account, to tell a reload from a
/// counsellor who has gone.
#[derive(Default)]
pub struct LiveStaff {
    connections: Mutex<HashMap<Uuid, usize>>,
}

impl LiveStaff {
    /// One more console of `account`.
    pub fn connected(&self, account: Uuid) {
        *self.lock().entry(account).or_default() += 1;
    }

    /// One console of `account` fewer.
    pub fn disconnected(&self, account: Uuid) {
        let mut map = self.lock();
        if let Some(count) = map.get_mut(&account) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                map.remove(&account);
            }
        }
    }

    /// Whether `account` has a console open on this node.
    pub fn is_connected(&self, account: Uuid) -> bool {
        self.lock().contains_key(&account)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, usize>> {
        self.connections
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The wire code and message for a refused operation.
pub fn error_code(error: &ConsultationError) -> (&'static str, String) {
    let code = match error {
        ConsultationError::UnknownDevice => "unknown_device",
        ConsultationError::UnknownLine => "unknown_line",
        ConsultationError::LineClosed => "line_closed",
        ConsultationError::AlreadyOpen => "already_open",
        ConsultationError::NotFound => "not_found",
        ConsultationError::Ended => "conversation_ended",
        ConsultationError::AlreadyTaken => "already_taken",
        ConsultationError::AtCapacity => "at_capacity",
        ConsultationError::WrapUpRequired => "wrap_up_required",
        ConsultationError::Forbidden => "forbidden",
        ConsultationError::Invalid(_) => "invalid_field",
        ConsultationError::Unavailable => "unavailable",
        ConsultationError::Store(store) => {
            tracing::error!(error = %store, "consultation store failure");
            return (
                "unavailable",
                "something went wrong on our side; please try again".into(),
            );
        }
    };
    (code, error.to_string())
}
