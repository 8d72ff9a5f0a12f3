//! Rules files read from a directory, for the examples' `--rules DIR` (the crate itself does
//! no I/O).

use moderation::Ruleset;

/// The `*.toml` files of `dir`, in name order; a file that cannot be read or a ruleset that
/// does not load ends the program with the reason.
pub fn load(dir: &str) -> Ruleset {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("--rules {dir}: {e}"))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), text)
        })
        .collect();
    files.sort();
    Ruleset::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .unwrap_or_else(|e| panic!("--rules {dir}: {e}"))
}
