//! Checking a JSON value against the rules of its schema, shared by both generated sides:
//! a generated client checks a request body before sending it (and refuses it with
//! [`Error::InvalidInput`](crate::Error::InvalidInput), nothing sent), a generated server
//! (through `jeri-server`, which re-exports this module) checks every request it receives.
//!
//! Generated code is straight-line: per schema it calls the small functions of [`check`]
//! with the spec's limits as constants, and each records what it finds in [`Problems`],
//! one [`Problem`] per broken rule, with where it is. `pattern` and `format` are checked
//! by `jeri-server` only: a client leaves them to the server, as it does for parameters.
//!
//! [`serde_json`] is re-exported so that generated checks name the version they read.

pub mod check;
mod problem;
mod problems;

pub use problem::{Expected, Place, Problem, ProblemKind, Segment};
pub use problems::Problems;

pub use serde_json;
