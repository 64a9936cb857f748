//! A seeded random source (the demo's splitmix64): every run can be replayed from its seed.

/// splitmix64: fast, good enough to pick moments and operations.
pub use fenqi::store::demo::SplitMix64 as Rng;

/// A source seeded from `FENQI_SEED` when set, else from the clock; prints the seed.
pub fn rng_from_env(what: &str) -> Rng {
    let seed = std::env::var("FENQI_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    println!("{what}: FENQI_SEED={seed}");
    Rng::new(seed)
}

/// An environment variable as a number, or the default.
pub fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}
