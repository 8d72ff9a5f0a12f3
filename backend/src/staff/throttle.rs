//! Sign-in throttling: a burst of 5 attempts, then one per 12 seconds, kept
//! separately per account and per client. The client key is hashed with a
//! per-process random key before it reaches the limiter; no address is stored.

use std::hash::BuildHasher;
use std::time::Duration;

use crate::ratelimit::KeyedLimiter;

/// Per-account and per-client sign-in limiters.
pub struct SignInThrottle {
    per_account: KeyedLimiter,
    per_client: KeyedLimiter,
    hasher: std::collections::hash_map::RandomState,
}

impl Default for SignInThrottle {
    fn default() -> Self {
        Self::new(5, Duration::from_secs(12))
    }
}

impl SignInThrottle {
    /// `burst` attempts at once, then one per `refill`.
    pub fn new(burst: u32, refill: Duration) -> Self {
        Self {
            per_account: KeyedLimiter::new(burst, refill),
            per_client: KeyedLimiter::new(burst, refill),
            hasher: std::collections::hash_map::RandomState::new(),
        }
    }

    /// Takes one attempt for this account and client; `false` means wait.
    pub fn attempt(&self, username: &str, client: &str) -> bool {
        let client_key = format!("{:x}", self.hasher.hash_one(client));
        // Check both so a flood against one account also spends the client's budget.
        let client_ok = self.per_client.allow(&client_key);
        let account_ok = self.per_account.allow(&username.to_ascii_lowercase());
        client_ok && account_ok
    }

    /// Drops idle keys so memory stays bounded under a spray of usernames.
    pub fn forget_idle(&self) {
        self.per_account.forget_idle();
        self.per_client.forget_idle();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_account_and_per_client() {
        let throttle = SignInThrottle::new(2, Duration::from_secs(3600));
        assert!(throttle.attempt("alice", "client-1"));
        assert!(throttle.attempt("alice", "client-2"));
        assert!(
            !throttle.attempt("alice", "client-3"),
            "third try on one account waits"
        );
        assert!(throttle.attempt("bob", "client-4"));
        assert!(throttle.attempt("carol", "client-4"));
        assert!(
            !throttle.attempt("dave", "client-4"),
            "third try from one client waits"
        );
    }
}
