//! Clients generated with example calls (the `example_calls` setting) for the product spec
//! (`spec/openapi.yaml`) and specs of the shared corpus (`../shared/specs/`), for the
//! conformance tests: every example call sent through Prism, which validates requests
//! against the spec and answers with responses built from it.
//!
//! [`SPECS`] lists them as values the tests can loop over: each client's calls behind
//! one function type, whatever the client, and the generated server of the same spec
//! implemented by its example answers (the `example_answers` setting). The corpus specs are compiled only when the
//! corpus is there (`cfg(corpus)`, from the corpus crate's build script); hyperswitch and
//! talon-one, the large ones, only with the `large` feature.
#![deny(missing_docs)]

use std::path::PathBuf;

use jeri_runtime::{BoxFuture, Error, Transport};

#[cfg(corpus)]
pub mod buildomat;
#[cfg(corpus)]
pub mod ensapi;
#[cfg(corpus)]
pub mod haystack;
#[cfg(all(corpus, feature = "large"))]
pub mod hyperswitch;
#[cfg(corpus)]
pub mod keeper;
#[cfg(corpus)]
pub mod kratos;
#[cfg(corpus)]
pub mod memos;
#[cfg(corpus)]
pub mod nexus;
#[cfg(corpus)]
pub mod petstore;
pub mod product;
#[cfg(all(corpus, feature = "large"))]
pub mod talon_one;
#[cfg(corpus)]
pub mod twilio;

/// An example call on its way: the response decoded (`Ok`) or the error.
pub type Sent = BoxFuture<Result<(), Error>>;

/// One spec with the example calls of its generated client.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// A short name for tables and filters, such as `nexus`.
    pub name: &'static str,
    /// The spec's file: under `../shared/specs/` for the corpus, under the repository
    /// for the product spec (see [`Spec::path`]).
    pub file: &'static str,
    /// Whether [`Spec::file`] lies in the shared corpus.
    pub corpus: bool,
    /// Sends example call number `index` through a client on `transport`: its
    /// `operationId` and the call's future; `None` past the last.
    pub call: fn(&Transport, usize) -> Option<(&'static str, Sent)>,
    /// How many example calls there are.
    pub calls: usize,
    /// The operations without an example call, and why.
    pub left_out: &'static [(&'static str, &'static str)],
    /// The generated client's `transport_builder`: the spec's security schemes named.
    pub transport_builder: fn() -> jeri_runtime::TransportBuilder,
    /// The generated server for the same spec, implemented by its `ExampleServer`
    /// (the `example_answers` setting), as an axum router.
    pub router: fn() -> jeri_server::axum::Router,
    /// The operations the `ExampleServer` leaves at `501`, and why.
    pub answers_left_out: &'static [(&'static str, &'static str)],
}

impl Spec {
    /// Where the spec's file is.
    pub fn path(&self) -> PathBuf {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        if self.corpus {
            root.join("../../../shared/specs").join(self.file)
        } else {
            root.join("../..").join(self.file)
        }
    }
}

/// A [`Spec`] entry for a generated module.
macro_rules! spec {
    ($module:ident, $name:literal, $file:literal, corpus = $corpus:literal) => {
        Spec {
            name: $name,
            file: $file,
            corpus: $corpus,
            call: |transport, index| {
                let client = $module::Client::from_transport(transport.clone());
                $module::examples::CALLS
                    .get(index)
                    .map(|(id, send)| (*id, send(&client)))
            },
            calls: $module::examples::CALLS.len(),
            left_out: $module::examples::LEFT_OUT,
            transport_builder: $module::Client::transport_builder,
            router: || $module::service::server::router($module::service::examples::ExampleServer),
            answers_left_out: $module::service::examples::LEFT_OUT,
        }
    };
}

/// Every spec compiled into this crate, smallest first.
pub const SPECS: &[Spec] = &[
    spec!(product, "product", "spec/openapi.yaml", corpus = false),
    #[cfg(corpus)]
    spec!(keeper, "keeper", "keeper.json", corpus = true),
    #[cfg(corpus)]
    spec!(
        haystack,
        "haystack",
        "realworld/haystack.json",
        corpus = true
    ),
    #[cfg(corpus)]
    spec!(
        petstore,
        "petstore",
        "realworld/petstore.yaml",
        corpus = true
    ),
    #[cfg(corpus)]
    spec!(buildomat, "buildomat", "buildomat.json", corpus = true),
    #[cfg(corpus)]
    spec!(
        twilio,
        "twilio",
        "realworld/twilio-messaging-v1.json",
        corpus = true
    ),
    #[cfg(corpus)]
    spec!(ensapi, "ensapi", "realworld/ensapi.json", corpus = true),
    #[cfg(corpus)]
    spec!(memos, "memos", "realworld/memos.yaml", corpus = true),
    #[cfg(corpus)]
    spec!(kratos, "kratos", "realworld/kratos.json", corpus = true),
    #[cfg(corpus)]
    spec!(nexus, "nexus", "nexus.json", corpus = true),
    #[cfg(all(corpus, feature = "large"))]
    spec!(
        hyperswitch,
        "hyperswitch",
        "realworld/hyperswitch.json",
        corpus = true
    ),
    #[cfg(all(corpus, feature = "large"))]
    spec!(
        talon_one,
        "talon-one",
        "realworld/talon-one.yaml",
        corpus = true
    ),
];
