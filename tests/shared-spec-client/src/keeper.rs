//! A client for keeper, a small job-runner API (`specs/keeper.json`, 6 operations).

jeri_macros::generate!("../specs/keeper.json", runtime = ::jeri_client::runtime);
