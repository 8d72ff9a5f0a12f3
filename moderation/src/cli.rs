//! The line-oriented command behind `yorisoi moderate`: one message per input line, one
//! JSON verdict per output line.

use std::io::{self, BufRead, Write};

use crate::{Classifier, Context};

/// Classifies each line of `input` with the built-in rules and writes one JSON object per
/// line to `output`. Lines are independent: the per-participant window is not used, so a
/// file of test messages gives the same answer line by line in any order.
///
/// Invalid UTF-8 is replaced (U+FFFD) rather than aborting the stream; a refused line
/// (too long) produces `{"error": "..."}` on its line so outputs stay aligned with inputs.
///
/// # Errors
///
/// Only I/O errors from `input` or `output`.
pub fn run(context: Context, input: impl BufRead, output: impl Write) -> io::Result<()> {
    run_with(&Classifier::builtin(), context, input, output)
}

/// [`run`] with a given classifier (e.g. one loaded from a rules directory).
///
/// # Errors
///
/// Only I/O errors from `input` or `output`.
pub fn run_with(
    classifier: &Classifier,
    context: Context,
    mut input: impl BufRead,
    mut output: impl Write,
) -> io::Result<()> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        let line = String::from_utf8_lossy(&buf);
        let json = match classifier.classify(&line, context) {
            Ok(verdict) => serde_json::to_string(&verdict),
            Err(e) => serde_json::to_string(&serde_json::json!({ "error": e.to_string() })),
        }
        .map_err(io::Error::other)?;
        output.write_all(json.as_bytes())?;
        output.write_all(b"\n")?;
    }
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_json_object_per_line() {
        let input = "こんにちは\n死にたい\r\n電話して 090-1234-5678\n";
        let mut out = Vec::new();
        run(Context::Salon, input.as_bytes(), &mut out).expect("in-memory I/O");
        let text = String::from_utf8(out).expect("JSON is UTF-8");
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["categories"], serde_json::json!([]));
        assert_eq!(lines[1]["categories"], serde_json::json!(["self_harm"]));
        assert_eq!(lines[1]["action"], "hide_and_support");
        assert_eq!(lines[2]["categories"], serde_json::json!(["contact"]));
        assert_eq!(lines[2]["action"], "mask");
        assert_eq!(lines[2]["spans"][0]["text"], "090-1234-5678");
    }
}
