//! Case `10-graphql-request-body`: a request body under `application/graphql`.

jeri_macros::generate!("../../../../../shared/cases/10-graphql-request-body.yaml");
