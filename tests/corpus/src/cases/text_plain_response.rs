//! Case `12-text-plain-response`: a `text/plain` success body.

jeri_macros::generate!("../../../../../shared/cases/12-text-plain-response.yaml");
