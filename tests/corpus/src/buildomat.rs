//! buildomat, Oxide's CI service (`specs/buildomat.json`, 21 operations, with JSON,
//! `text/plain` and `application/octet-stream` request bodies).

jeri_macros::generate!("../../../../shared/specs/buildomat.json");
