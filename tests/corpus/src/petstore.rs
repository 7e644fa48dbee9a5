//! The Swagger Petstore (`specs/realworld/petstore.yaml`, 19 operations): `oauth2` and an
//! API key, form and octet-stream bodies, XML beside JSON.

jeri_macros::generate!("../../../../shared/specs/realworld/petstore.yaml");
