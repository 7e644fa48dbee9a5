//! A client for buildomat, Oxide's CI service (`specs/buildomat.json`, 21 operations,
//! with JSON, `text/plain` and `application/octet-stream` request bodies).

jeri_macros::generate!("../specs/buildomat.json", runtime = ::jeri_client::runtime);
