//! The runtime over loopback HTTP, one module per topic, in one test binary (one link
//! for all of them): recording servers from `support`, and raw TCP servers for what a
//! well-behaved server never sends.

mod support;

mod download;
mod execute;
mod layer;
mod observe;
mod outcome;
mod privacy;
mod redaction;
mod request;
mod response;
mod retry;
mod security;
mod streams;
mod timeout;
mod trace;
mod webhook;
