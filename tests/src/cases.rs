//! Running property cases that talk to a loopback server.

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Runs `test` on `cases` values of `strategy`, shrinking a failure to a
/// minimal one, and fails with that value.
///
/// The runner is driven by hand rather than by `proptest!` so that one
/// server and one client (slow to build) serve all cases. Failures are not
/// persisted: the seed differs per run and the cases stay few.
pub fn check<S: Strategy>(
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 256,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    if let Err(failure) = runner.run(&strategy, test) {
        panic!("{failure}");
    }
}
