//! A seeded random source (the demo's splitmix64): every run can be replayed from its seed.

/// splitmix64: fast, good enough to pick moments and operations.
pub use fenqi::demo::SplitMix64 as Rng;

/// A source seeded from `FENQI_TEST_SEED` when set, else from the fixed default seed; prints
/// the seed.
pub fn rng_from_env(what: &str) -> Rng {
    let seed = crate::common::seed::seed();
    println!("{what}: FENQI_TEST_SEED={seed}");
    Rng::new(seed)
}

/// An environment variable as a number, or the default.
pub fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}
