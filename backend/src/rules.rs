//! Moderation rules from a directory, so administrators can update the lexicons
//! without a restart. The moderation crate does no I/O; this module reads the
//! `*.toml` files and hands their contents over. A broken set is refused and
//! the rules in force stay in force.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use moderation::Classifier;

/// The classifier in force, replaceable while the server runs.
pub struct Rules {
    current: RwLock<Arc<Classifier>>,
    directory: Option<PathBuf>,
}

/// Why a reload was refused.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// No directory is configured (`YORISOI_MODERATION_RULES_DIR`).
    #[error("no rules directory is configured (YORISOI_MODERATION_RULES_DIR)")]
    NotConfigured,
    /// The directory or a file could not be read.
    #[error("cannot read {path}: {error}")]
    Read {
        /// What could not be read.
        path: String,
        /// Why.
        error: std::io::Error,
    },
    /// The rules do not parse or contradict a policy (names the file and line).
    #[error("{0}")]
    Invalid(String),
}

impl Rules {
    /// The built-in rules, or those of `directory` when given.
    pub fn load(directory: Option<PathBuf>) -> Result<Self, RulesError> {
        let classifier = match &directory {
            Some(dir) => read_dir(dir)?,
            None => Classifier::builtin(),
        };
        Ok(Self {
            current: RwLock::new(Arc::new(classifier)),
            directory,
        })
    }

    /// The classifier in force.
    pub fn current(&self) -> Arc<Classifier> {
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Re-reads the directory; on success the new rules apply to the next message.
    pub fn reload(&self) -> Result<Arc<Classifier>, RulesError> {
        let directory = self.directory.as_ref().ok_or(RulesError::NotConfigured)?;
        let fresh = Arc::new(read_dir(directory)?);
        *self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = fresh.clone();
        Ok(fresh)
    }

    /// The configured directory.
    pub fn directory(&self) -> Option<&Path> {
        self.directory.as_deref()
    }
}

fn read_dir(directory: &Path) -> Result<Classifier, RulesError> {
    let read_error = |path: &Path, error| RulesError::Read {
        path: path.display().to_string(),
        error,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(directory).map_err(|e| read_error(directory, e))? {
        let path = entry.map_err(|e| read_error(directory, e))?.path();
        if path.extension().is_some_and(|ext| ext == "toml") {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let contents = std::fs::read_to_string(&path).map_err(|e| read_error(&path, e))?;
            files.push((name, contents));
        }
    }
    files.sort();
    Classifier::from_ruleset_files(
        files
            .iter()
            .map(|(name, contents)| (name.as_str(), contents.as_str())),
    )
    .map_err(|error| RulesError::Invalid(error.to_string()))
}
