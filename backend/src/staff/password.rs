//! Password hashing with argon2id.
//!
//! Hashing costs ~20 MiB and tens of milliseconds of CPU on purpose, so it runs on
//! the blocking pool behind a semaphore: a burst of sign-ins can neither stall the
//! async workers that carry chats nor exhaust memory.

use std::sync::Arc;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::text::TextError;

/// A password as typed: 10–128 characters. Never logged (no `Debug` of the text).
pub struct Password(String);

impl Password {
    /// Checks the length rules.
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let chars = raw.chars().count();
        if !(10..=128).contains(&chars) {
            return Err(TextError::new(
                "password",
                format!("must be 10 to 128 characters (got {chars})"),
            ));
        }
        Ok(Self(raw.to_owned()))
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// Hashes and verifies passwords with bounded concurrency.
#[derive(Clone)]
pub struct PasswordHasherPool {
    permits: Arc<Semaphore>,
    /// Verified against when the username is unknown, so that an unknown user
    /// takes as long to refuse as a wrong password (no username probing by timing).
    decoy_hash: Arc<str>,
}

impl PasswordHasherPool {
    /// A pool allowing `concurrency` hashes at once.
    pub fn new(concurrency: usize) -> Self {
        let decoy = hash_now("decoy password that matches nothing").unwrap_or_default();
        Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            decoy_hash: decoy.into(),
        }
    }

    /// Hashes a new password (PHC string with salt and parameters).
    pub async fn hash(&self, password: &Password) -> anyhow::Result<String> {
        let _permit = self.permits.acquire().await?;
        let plain = password.0.clone();
        tokio::task::spawn_blocking(move || hash_now(&plain)).await?
    }

    /// Verifies `password` against `hash`; with `None` it checks the decoy and
    /// always answers `false`.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> bool {
        let Ok(_permit) = self.permits.acquire().await else {
            return false;
        };
        let known = hash.is_some();
        let hash = hash.map_or_else(|| self.decoy_hash.to_string(), str::to_owned);
        let plain = password.to_owned();
        let matches = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(plain.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        known && matches
    }
}

fn hash_now(plain: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    // Argon2::default() is argon2id v19 with OWASP's minimum parameters (19 MiB, t=2, p=1).
    Argon2::default()
        .hash_password(plain.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_decoy_never_matches() {
        let pool = PasswordHasherPool::new(1);
        let password = Password::parse("correct horse battery").expect("long enough");
        let hash = pool.hash(&password).await.expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(pool.verify("correct horse battery", Some(&hash)).await);
        assert!(!pool.verify("wrong horse battery", Some(&hash)).await);
        assert!(
            !pool
                .verify("decoy password that matches nothing", None)
                .await
        );
    }

    #[test]
    fn length_rules() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse(&"x".repeat(129)).is_err());
        assert_eq!(
            format!("{:?}", Password::parse("long enough pw").expect("ok")),
            "Password(***)"
        );
    }
}
