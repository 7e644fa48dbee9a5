//! Case `11-octet-stream-plain-string-schema`: an `octet-stream` body whose schema is a plain string.

jeri_macros::generate!("../../../../../shared/cases/11-octet-stream-plain-string-schema.yaml");
