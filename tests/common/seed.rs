//! Fixed seeds for the random tests, so every run checks the same cases: `FENQI_TEST_SEED=N`
//! replays (or explores) another run; each random test prints the seed it used.

use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};

/// The environment variable that replaces the fixed seed.
pub const SEED_VAR: &str = "FENQI_TEST_SEED";

/// The seed when `FENQI_TEST_SEED` is not set.
pub const DEFAULT_SEED: u64 = 20_250_310;

/// The seed of this run: `FENQI_TEST_SEED` when set (a whole number), else [`DEFAULT_SEED`].
pub fn seed() -> u64 {
    match std::env::var(SEED_VAR) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{SEED_VAR} must be a whole number, not {text:?}")),
        Err(_) => DEFAULT_SEED,
    }
}

/// Proptest's configuration for `cases` cases drawn from [`seed`]. Failures it finds are kept
/// in a `.proptest-regressions` file beside the test's source and replayed first.
pub fn proptest_config(cases: u32) -> Config {
    println!("proptest: {SEED_VAR}={}", seed());
    Config {
        cases,
        rng_seed: RngSeed::Fixed(seed()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}
