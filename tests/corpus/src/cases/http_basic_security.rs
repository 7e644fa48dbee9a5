//! Case `15-http-basic-security`: http `basic` security, alone and as an alternative to bearer.

jeri_macros::generate!("../../../../../shared/cases/15-http-basic-security.yaml");
