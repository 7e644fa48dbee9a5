//! Servers and clients generated from specs of the shared test data, to show that the
//! server generator is general: keeper (a job runner) and buildomat (a CI service); and
//! from `specs/media.yaml`, jeri's own small spec for inputs and outputs beyond JSON
//! (cookies, basic and other `Authorization` schemes, multipart forms, text and bytes).
//!
//! Both sides come from the same spec: `server` modules from `generate!(…, server)`,
//! `client` modules from `generate!(…)`; the tests implement the servers in memory and
//! drive them with the clients over loopback.

#[cfg(shared_specs)]
pub mod buildomat;
#[cfg(shared_specs)]
pub mod haystack;
#[cfg(shared_specs)]
pub mod keeper;
pub mod media;
pub mod streams;

/// Whether the shared specs were found at build time; when not, tests skip with a note,
/// except under `CI=true`, where a missing spec is a failure.
pub fn specs_present() -> bool {
    let present = cfg!(shared_specs);
    if !present {
        let why = "the shared specs (../shared/specs/keeper.json, buildomat.json, \
                   realworld/haystack.json) were not found when this crate was built";
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{why}; CI needs them"
        );
        eprintln!("skipped: {why}");
    }
    present
}
