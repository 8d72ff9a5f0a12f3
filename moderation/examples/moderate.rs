//! The `yorisoi moderate` command without the backend:
//! `cargo run -p moderation --example moderate -- salon < messages.txt`; `--no-model`
//! leaves the learned second opinion out, to see what the rules alone find.

use std::io;

use moderation::{cli, Classifier, Context, Ruleset};

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let context: Context = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or("counseling", String::as_str)
        .parse()
        .map_err(io::Error::other)?;
    let classifier = if args.iter().any(|a| a == "--no-model") {
        Classifier::new(Ruleset::builtin().without_model())
    } else {
        Classifier::builtin()
    };
    cli::run_with(
        &classifier,
        context,
        io::stdin().lock(),
        io::stdout().lock(),
    )
}
