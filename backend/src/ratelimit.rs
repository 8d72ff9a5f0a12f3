//! Keyed rate limits (governor): a burst, then a steady refill, per key. Keys
//! live only in memory; callers pass hashes or ids, never raw addresses.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// A limiter of `burst` events at once, then one per `refill`, per key.
pub struct KeyedLimiter {
    limiter: DefaultKeyedRateLimiter<String>,
}

impl KeyedLimiter {
    /// Builds the limiter.
    pub fn new(burst: u32, refill: Duration) -> Self {
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(refill)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        Self {
            limiter: RateLimiter::keyed(quota),
        }
    }

    /// Takes one event from `key`'s budget; `false` means refuse it.
    pub fn allow(&self, key: &str) -> bool {
        self.limiter.check_key(&key.to_owned()).is_ok()
    }

    /// Drops keys whose budget is full again, so memory stays bounded.
    pub fn forget_idle(&self) {
        self.limiter.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_refuse_per_key() {
        let limiter = KeyedLimiter::new(2, Duration::from_secs(3600));
        assert!(limiter.allow("a") && limiter.allow("a"));
        assert!(!limiter.allow("a"));
        assert!(limiter.allow("b"));
    }
}
