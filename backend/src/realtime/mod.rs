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

use crate::consultation::ConsultationError;

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
        ConsultationError::UnknownReturnCode => "unknown_return_code",
        ConsultationError::NoCounselor => "no_counselor",
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
