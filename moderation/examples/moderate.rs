//! The `yorisoi moderate` command without the backend:
//! `cargo run -p moderation --example moderate -- salon < messages.txt`; `--no-model`
//! leaves the learned second opinion out, to see what the rules alone find; `--rules DIR`
//! reads the `*.toml` rules files of a directory instead of the built-in ones.

#[path = "common/rules_dir.rs"]
mod rules_dir;

use std::io;

use moderation::{cli, Classifier, Context, Ruleset};

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .iter()
        .position(|a| a == "--rules")
        .map(|i| args.get(i + 1).expect("--rules needs a directory").clone());
    let context: Context = args
        .iter()
        .find(|a| !a.starts_with("--") && Some(*a) != dir.as_ref())
        .map_or("counseling", String::as_str)
        .parse()
        .map_err(io::Error::other)?;
    let ruleset = match &dir {
        Some(dir) => rules_dir::load(dir),
        None => Ruleset::builtin(),
    };
    let classifier = if args.iter().any(|a| a == "--no-model") {
        Classifier::new(ruleset.without_model())
    } else {
        Classifier::new(ruleset)
    };
    cli::run_with(
        &classifier,
        context,
        io::stdin().lock(),
        io::stdout().lock(),
    )
}
