//! Clients that `jeri_macros::generate!` makes from specs written outside this project:
//! the corpus in `../shared/specs/` (see its README for each spec's origin) and the cases
//! in `../shared/cases/` (small specs from other generators' bug trackers). The files are
//! read where they are, never copied; without them (outside CI) this crate is empty and
//! its tests are skipped, with a build warning saying so.
//!
//! The small specs are compiled in full here and called over loopback by the tests; every
//! spec of the corpus, the huge ones included, is type-checked by `tests/type_check.rs`.
#![deny(missing_docs)]

pub mod specs;

#[cfg(corpus)]
pub mod buildomat;
#[cfg(corpus)]
pub mod cases;
#[cfg(corpus)]
pub mod haystack;
#[cfg(corpus)]
pub mod keeper;
#[cfg(corpus)]
pub mod mistral;
#[cfg(corpus)]
pub mod nexus;
#[cfg(corpus)]
pub mod petstore;
#[cfg(corpus)]
pub mod twilio;
