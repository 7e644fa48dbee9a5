//! Clients that `jeri_macros::generate!` makes from real-world OpenAPI 3.0 specs (see
//! `specs/README.md` for their origin), over the `jeri_client::runtime` runtime. Each
//! spec gets its own module; the tests call them against loopback servers.
#![deny(missing_docs)]

pub mod buildomat;
pub mod keeper;
pub mod nexus;
