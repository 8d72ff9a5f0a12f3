//! Sign-in throttling with governor: a burst of 5 attempts, then one per
//! 12 seconds, kept separately per account and per client. The client key is a
//! hash of its address that lives only in memory; no address is ever stored.

use std::hash::BuildHasher;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Per-account and per-client sign-in limiters.
pub struct SignInThrottle {
    per_account: DefaultKeyedRateLimiter<String>,
    per_client: DefaultKeyedRateLimiter<u64>,
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
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(refill)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        Self {
            per_account: RateLimiter::keyed(quota),
            per_client: RateLimiter::keyed(quota),
            hasher: std::collections::hash_map::RandomState::new(),
        }
    }

    /// Takes one attempt for this account and client; `false` means wait.
    pub fn attempt(&self, username: &str, client: &str) -> bool {
        let client_key = self.hasher.hash_one(client);
        // Check both so a flood against one account also spends the client's budget.
        let client_ok = self.per_client.check_key(&client_key).is_ok();
        let account_ok = self
            .per_account
            .check_key(&username.to_ascii_lowercase())
            .is_ok();
        client_ok && account_ok
    }

    /// Drops idle keys so memory stays bounded under a spray of usernames.
    pub fn forget_idle(&self) {
        self.per_account.retain_recent();
        self.per_client.retain_recent();
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
