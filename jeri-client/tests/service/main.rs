//! jeri-client as a service uses it, one module per topic, in one test binary (one link
//! for all of them): the generated client over loopback recording servers and the
//! in-process sandbox, batches, links, faults and exactly-once balance changes.

mod batch_loopback;
mod batch_sandbox;
mod body_rules;
mod ledger;
mod links_client;
mod links_props;
mod links_table;
mod runtime_bodies;
mod runtime_client;
mod sandbox_faults;
mod service_helpers;
mod webhooks;
