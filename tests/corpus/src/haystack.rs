//! Haystack's REST API, a FastAPI service (`specs/realworld/haystack.json`, 12
//! operations): multipart file uploads.

jeri_macros::generate!("../../../../shared/specs/realworld/haystack.json");
