//! Yorisoi (寄り添い): a websocket chat server that pairs anonymous teenagers and
//! young carers with counsellors during published hours, and hosts moderated
//! peer rooms (the online salon).
//!
//! # Layout
//!
//! - [`cli`]: the `yorisoi` command line (`serve`, `migrate`, `admin create`).
//! - [`config`]: typed, validated settings from flags and `YORISOI_*` variables.
//! - [`server`]: assembles a node (store, bus, services) and runs it.
//! - [`store`]: the persistence boundary, SQLite and PostgreSQL.
//! - [`bus`]: publish/subscribe, in-process and Redis.
//! - [`http`]: axum routers; translate HTTP to domain calls, nothing more.
//! - [`realtime`]: websocket sessions (teen devices, staff consoles, salon
//!   participants, moderator consoles).
//! - [`protocol`]: the websocket wire format, version 1.
//! - [`ratelimit`]: keyed rate limits.
//! - [`rules`]: moderation rules from a directory, reloadable at run time.
//! - Domain: [`consultation`] (queue, pairing, chat), [`salon`] (peer rooms
//!   and their moderation), [`escalation`] (cases handed to partner
//!   organisations), [`webhooks`] (their changes signed and delivered to
//!   partners' systems), [`staff`] (accounts, roles, sessions, the partner
//!   directory), [`lines`] (hours),
//!   [`audit`] (the append-only trail), [`text`] (validated text newtypes).
//! - [`demo`]: demonstration data for `serve --demo`.
//!
//! Domain modules know nothing of HTTP; handlers hold no business rules.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod audit;
pub mod bus;
pub mod cli;
pub mod config;
pub mod consultation;
pub mod demo;
pub mod escalation;
pub mod http;
pub mod lines;
pub mod protocol;
pub mod ratelimit;
pub mod realtime;
pub mod rules;
pub mod salon;
pub mod server;
pub mod staff;
pub mod store;
pub mod text;
pub mod webhooks;
