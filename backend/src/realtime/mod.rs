//! Websocket sessions: one task per connection, a bounded outbox, heartbeats,
//! and every frame authorised on its own.
//!
//! - [`connection`]: the reader/writer loop shared by every kind of client.
//! - [`cases`]: escalation cases, live, for every console that follows them.
//! - [`follow`]: exactly-once, in-order delivery of sequenced logs
//!   (conversation messages, salon rooms).
//! - [`teen`]: a teen's device (token in the first frame, never in the URL).
//! - [`staff`]: a counsellor's or supervisor's console (session cookie).
//! - [`salon`]: a participant's device in the salon (same device token).
//! - [`moderator`]: a moderator's console (session cookie).
//! - [`partner`]: a partner organisation's console: its released cases, live.

pub mod cases;
pub mod connection;
pub mod follow;
pub mod moderator;
pub mod partner;
pub mod salon;
pub mod staff;
pub mod teen;

use connection::Connection;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::protocol::{decode, ErrorFrame};
use crate::ratelimit::KeyedLimiter;

/// A device's request type (teen chat, salon): it has a `ping` and a `hello`.
pub trait DeviceRequest: DeserializeOwned {
    /// Is this a keep-alive?
    fn is_ping(&self) -> bool;
    /// The token, if this is `hello`; the request back otherwise.
    fn into_hello(self) -> Result<String, Self>;
}

/// A device's frame after the checks every device frame gets.
pub enum Screened<R> {
    /// Already answered: a refusal or a pong.
    Answered,
    /// `hello` on a connection not yet greeted.
    Hello {
        /// The device token.
        token: String,
        /// The frame's `ref`.
        reference: Option<String>,
    },
    /// A request of the greeted device, within its rate limit.
    Request {
        /// The request.
        request: R,
        /// The frame's `ref`.
        reference: Option<String>,
    },
}

/// Decodes a device frame and answers what needs no session: malformed
/// frames, pings, anything before `hello`, and floods.
pub fn screen<R: DeviceRequest, F: Serialize>(
    conn: &mut Connection,
    text: &str,
    device: Option<&str>,
    limits: &KeyedLimiter,
    error: fn(ErrorFrame) -> F,
    pong: F,
) -> Screened<R> {
    let (request, reference) = match decode::<R>(text) {
        Ok(decoded) => decoded,
        Err(refusal) => {
            conn.refuse(error, refusal.code, refusal.message, refusal.reference);
            return Screened::Answered;
        }
    };
    if request.is_ping() {
        conn.send(&pong);
        return Screened::Answered;
    }
    let Some(device) = device else {
        return match request.into_hello() {
            Ok(token) => Screened::Hello { token, reference },
            Err(_) => {
                conn.refuse(
                    error,
                    "hello_first",
                    "send hello with your device token first".into(),
                    reference,
                );
                Screened::Answered
            }
        };
    };
    if !limits.allow(device) {
        conn.refuse(
            error,
            "rate_limited",
            "too many frames; slow down a little".into(),
            reference,
        );
        return Screened::Answered;
    }
    Screened::Request { request, reference }
}

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
