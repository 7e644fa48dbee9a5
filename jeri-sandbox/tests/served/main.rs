//! The sandbox served on loopback, one module per topic, in one test binary (one link
//! for all of them): requests checked against the spec, state and business rules,
//! credentials, faults and webhook delivery.

mod common;

mod actions;
mod auth;
mod balance;
mod customers;
mod faults;
mod requests;
mod spec_limits;
mod webhooks;
