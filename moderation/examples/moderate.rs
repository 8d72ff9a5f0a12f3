//! The `yorisoi moderate` command without the backend:
//! `cargo run -p moderation --example moderate -- salon < messages.txt`.

use std::io;

use moderation::{cli, Context};

fn main() -> io::Result<()> {
    let context: Context = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "counseling".into())
        .parse()
        .map_err(io::Error::other)?;
    cli::run(context, io::stdin().lock(), io::stdout().lock())
}
