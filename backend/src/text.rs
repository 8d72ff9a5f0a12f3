//! Small validated text newtypes shared by domain modules ("parse, don't validate").

use std::fmt;

/// Why a piece of text was refused; `field` names the input field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct TextError {
    /// Input field name as the client sent it.
    pub field: &'static str,
    /// What is expected.
    pub problem: String,
}

impl TextError {
    /// Builds an error for `field`.
    pub fn new(field: &'static str, problem: impl Into<String>) -> Self {
        Self {
            field,
            problem: problem.into(),
        }
    }
}

/// Checks free text shown to people: trimmed, `min..=max` characters, no control
/// characters except newlines where `multiline` allows them.
pub fn plain_text(
    field: &'static str,
    raw: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String, TextError> {
    let text = raw.trim();
    let chars = text.chars().count();
    if chars < min || chars > max {
        return Err(TextError::new(
            field,
            format!("must be {min} to {max} characters (got {chars})"),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t')))
    {
        return Err(TextError::new(field, "must not contain control characters"));
    }
    Ok(text.to_owned())
}

/// A lowercase identifier made of `a-z`, `0-9`, `-`, `_` and `.`, such as a
/// username or a line id; safe in URLs and logs.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// Parses a slug of `min..=max` characters; must start with a letter or digit.
    pub fn parse(
        field: &'static str,
        raw: &str,
        min: usize,
        max: usize,
    ) -> Result<Self, TextError> {
        let ok_len = (min..=max).contains(&raw.len());
        let ok_chars = raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b));
        let ok_start = raw
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric());
        if ok_len && ok_chars && ok_start {
            Ok(Self(raw.to_owned()))
        } else {
            Err(TextError::new(
                field,
                format!("must be {min} to {max} characters of a-z, 0-9, '-', '_' or '.', starting with a letter or digit"),
            ))
        }
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_bounds_and_controls() {
        assert_eq!(
            plain_text("name", "  相談  ", 1, 10, false),
            Ok("相談".into())
        );
        assert!(plain_text("name", "", 1, 10, false).is_err());
        assert!(plain_text("name", "あいうえおかきくけこさ", 1, 10, false).is_err());
        assert!(plain_text("name", "a\u{0007}b", 1, 10, false).is_err());
        assert!(plain_text("name", "a\nb", 1, 10, false).is_err());
        assert!(plain_text("description", "a\nb", 1, 10, true).is_ok());
    }

    #[test]
    fn slugs() {
        assert!(Slug::parse("id", "youth-health", 2, 40).is_ok());
        assert!(Slug::parse("id", "Youth", 2, 40).is_err());
        assert!(Slug::parse("id", "-x", 2, 40).is_err());
        assert!(Slug::parse("id", "a b", 2, 40).is_err());
        assert!(Slug::parse("id", "x", 2, 40).is_err());
    }
}
