//! Behaviour over loopback HTTP, one module per topic, in one test binary (one link for
//! all of them): clients generated from the specs under `tests/specs/` and from the
//! product spec, against recording servers and the sandbox.

mod body_rules;
mod constants;
mod download;
mod faithful_types;
mod formats;
mod limits;
mod negotiation;
mod parameter_names;
mod pointer_refs;
mod recursion;
mod reliability_encoding;
mod reliability_load;
mod reliability_responses;
mod reliability_retries;
mod reliability_secrets;
mod request_media;
mod security_schemes;
mod streams;
mod subset_client;
mod swagger2;
mod versions31;
